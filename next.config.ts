import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  output: "standalone",
  // The database is opened from server code only; keep the native addon out of the bundle, and pino
  // (it loads its transports by path at run time, which a bundle would break).
  serverExternalPackages: ["better-sqlite3", "pino", "prom-client"],
  // Migrations are read at run time from db/migrations; make the standalone trace carry them.
  outputFileTracingIncludes: { "/**": ["./db/migrations/**"] },
  poweredByHeader: false,
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Frame-Options", value: "DENY" },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
        ],
      },
    ];
  },
};

export default nextConfig;
