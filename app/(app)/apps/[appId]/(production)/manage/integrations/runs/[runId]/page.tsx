import type { Metadata } from "next";
import { RunPage } from "@/app/(app)/apps/[appId]/run-history-pages";

export const metadata: Metadata = { title: "Run" };

export default async function ProductionRunPage({ params }: { params: Promise<{ appId: string; runId: string }> }) {
  const { appId, runId } = await params;
  return <RunPage env="production" appId={appId} runId={runId} />;
}
