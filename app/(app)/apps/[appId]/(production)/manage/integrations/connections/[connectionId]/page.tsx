import { AuthenticateConnectionPage } from "@/app/(app)/apps/[appId]/connection-pages";

export default async function ProductionAuthenticatePage({ params }: { params: Promise<{ appId: string; connectionId: string }> }) {
  const { appId, connectionId } = await params;
  return <AuthenticateConnectionPage env="production" appId={appId} connectionId={connectionId} />;
}
