import { BoardPage, type BoardParams } from "@/app/(app)/apps/[appId]/board-pages";

export default function ProductionBoardPage(props: { params: BoardParams; searchParams: Promise<{ after?: string }> }) {
  return <BoardPage env="production" {...props} />;
}
