"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";

/**
 * A link that marks itself `aria-current="page"` when its path (or a sub-path) is open. The classes
 * that differ between the two states (text and border colours) go in `activeClassName` and
 * `inactiveClassName`, never in `className`: two utilities for one property would let the
 * stylesheet's order, not the state, decide which wins.
 */
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
