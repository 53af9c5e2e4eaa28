import { ItemPage, type ItemParams } from "@/app/(app)/apps/[appId]/board-pages";

export default function DevelopmentItemPage(props: { params: ItemParams }) {
  return <ItemPage env="development" {...props} />;
}
