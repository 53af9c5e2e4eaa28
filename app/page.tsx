import { redirect } from "next/navigation";
import { hasAnyAccount } from "@/db/queries/accounts";
import { currentUser } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

export default async function Home() {
  if (await currentUser()) redirect("/apps");
  redirect(hasAnyAccount() ? "/sign-in" : "/create-account");
}
