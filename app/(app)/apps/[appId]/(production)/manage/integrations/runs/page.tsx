import type { Metadata } from "next";
import { RunHistoryPage } from "@/app/(app)/apps/[appId]/run-history-pages";

export const metadata: Metadata = { title: "Run history" };

type Props = { params: Promise<{ appId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ProductionRunHistoryPage({ params, searchParams }: Props) {
  return <RunHistoryPage env="production" appId={(await params).appId} searchParams={searchParams} />;
}
