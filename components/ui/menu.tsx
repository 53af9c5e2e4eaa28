"use client";
// A menu (the user menu, Manage): a <details> disclosure that closes once an entry is chosen (the
// layouts stay mounted across client navigations, so on its own it would stay open over the next
// page), on a click outside it, and on Escape.
import { usePathname } from "next/navigation";
import { useEffect, useRef } from "react";

export function Menu({ label, ariaLabel, children, className = "" }: { label: string; ariaLabel?: string; children: React.ReactNode; className?: string }) {
  const ref = useRef<HTMLDetailsElement>(null);
  const pathname = usePathname();

  useEffect(() => {
    if (ref.current) ref.current.open = false;
  }, [pathname]);

  useEffect(() => {
    function onPointerDown(event: PointerEvent) {
      if (ref.current?.open && !ref.current.contains(event.target as Node)) ref.current.open = false;
    }
    function onKeyDown(event: KeyboardEvent) {
      if (event.key !== "Escape" || !ref.current?.open) return;
      ref.current.open = false;
      ref.current.querySelector("summary")?.focus();
    }
    document.addEventListener("pointerdown", onPointerDown);
    document.addEventListener("keydown", onKeyDown);
    return () => {
      document.removeEventListener("pointerdown", onPointerDown);
      document.removeEventListener("keydown", onKeyDown);
    };
  }, []);

  return (
    <details ref={ref} className={`relative ${className}`}>
      <summary className="cursor-pointer list-none rounded-md px-2 py-1 text-sm font-medium text-slate-700 hover:bg-slate-100" aria-label={ariaLabel}>
        {label} <span aria-hidden="true">▾</span>
      </summary>
      <div
        className="absolute right-0 z-20 mt-1 w-52 rounded-md border border-slate-200 bg-white py-1 shadow-lg"
        onClick={(event) => {
          // A link to the page already open does not change the path: close on any chosen link.
          if ((event.target as HTMLElement).closest("a") && ref.current) ref.current.open = false;
        }}
      >
        {children}
      </div>
    </details>
  );
}
