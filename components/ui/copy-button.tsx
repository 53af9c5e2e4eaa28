"use client";
// Copies a text to the clipboard and says so; `label` names what is copied for screen readers
// ("Copy Production address") while the button shows "Copy".
import { useState } from "react";
import { buttonClass } from "@/components/ui/button-class";

export function CopyButton({ text, label, children = "Copy" }: { text: string; label: string; children?: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      aria-label={label}
      className={buttonClass("secondary", "sm")}
      onClick={async () => {
        await navigator.clipboard?.writeText(text);
        setCopied(true);
      }}
    >
      {copied ? "Copied" : children}
    </button>
  );
}
