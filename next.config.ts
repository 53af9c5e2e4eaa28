import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  output: "standalone",
  // The database is opened from server code only; keep the native addon out of the bundle.
  serverExternalPackages: ["better-sqlite3"],
  // Migrations are read at run time from db/migrations; make the standalone trace carry them.
  outputFileTracingIncludes: { "/**": ["./db/migrations/**"] },
  poweredByHeader: false,
};

export default nextConfig;
