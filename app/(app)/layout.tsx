import { AppHeader } from "@/components/layout/app-header";
import { requireUser } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

export default async function SignedInLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  return (
    <>
      <AppHeader user={user} />
      {children}
    </>
  );
}
