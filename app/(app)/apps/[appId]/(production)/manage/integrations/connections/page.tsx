import { ConnectionsPage } from "@/app/(app)/apps/[appId]/connection-pages";

type Props = { params: Promise<{ appId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ProductionConnectionsPage({ params, searchParams }: Props) {
  return <ConnectionsPage env="production" appId={(await params).appId} searchParams={searchParams} />;
}
