import { defineConfig } from "@playwright/test";

// The server is started once for all specs by e2e/global-setup.ts on a free loopback port with
// its own data folder; specs read its URL from the baseURL below. The "first start" project runs
// before all others: it needs the instance before any account exists. Every other spec signs up
// its own account, so their order does not matter.
const port = Number(process.env.E2E_PORT || 3210);

export default defineConfig({
  testDir: "e2e",
  globalSetup: "./e2e/global-setup.ts",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  projects: [
    { name: "first start", testMatch: "sign-up.spec.ts" },
    { name: "chromium", testIgnore: "sign-up.spec.ts", dependencies: ["first start"] },
  ],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
});
