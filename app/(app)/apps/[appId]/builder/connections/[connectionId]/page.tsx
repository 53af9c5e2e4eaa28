import { AuthenticateConnectionPage } from "@/app/(app)/apps/[appId]/connection-pages";

export default async function DevelopmentAuthenticatePage({ params }: { params: Promise<{ appId: string; connectionId: string }> }) {
  const { appId, connectionId } = await params;
  return <AuthenticateConnectionPage env="development" appId={appId} connectionId={connectionId} />;
}
