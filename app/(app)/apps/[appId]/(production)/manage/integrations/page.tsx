import { redirect } from "next/navigation";

export default async function ManageIntegrationsPage({ params }: { params: Promise<{ appId: string }> }) {
  redirect(`/apps/${(await params).appId}/manage/integrations/all`);
}
