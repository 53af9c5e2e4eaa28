import { ConnectionsPage } from "@/app/(app)/apps/[appId]/connection-pages";

type Props = { params: Promise<{ appId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function DevelopmentConnectionsPage({ params, searchParams }: Props) {
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Connections</h1>
      <ConnectionsPage env="development" appId={(await params).appId} searchParams={searchParams} />
    </div>
  );
}
