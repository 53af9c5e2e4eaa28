import { runsExportHandler } from "@/app/(app)/apps/[appId]/runs-export";

export const dynamic = "force-dynamic";

export const GET = runsExportHandler("development");
