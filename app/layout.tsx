import type { Metadata } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Integrations", template: "%s · Integrations" },
  description: "Apps, boards and integrations for your team",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen">{children}</body>
    </html>
  );
}
