"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";

/** A link that marks itself `aria-current="page"` when its path (or a sub-path) is open. */
export function NavLink({
  href,
  children,
  className,
  activeClassName,
  inactiveClassName = "",
  exact = false,
}: {
  href: string;
  children: React.ReactNode;
  className: string;
  activeClassName: string;
  /** Styles that would conflict with the active ones (Tailwind cannot order two border colours). */
  inactiveClassName?: string;
  exact?: boolean;
}) {
  const pathname = usePathname();
  const active = exact ? pathname === href : pathname === href || pathname.startsWith(`${href}/`);
  return (
    <Link href={href} aria-current={active ? "page" : undefined} className={`${className} ${active ? activeClassName : inactiveClassName}`}>
      {children}
    </Link>
  );
}
