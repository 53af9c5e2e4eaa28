import { ItemPage, type ItemParams } from "@/app/(app)/apps/[appId]/board-pages";

export default function ProductionItemPage(props: { params: ItemParams }) {
  return <ItemPage env="production" {...props} />;
}
