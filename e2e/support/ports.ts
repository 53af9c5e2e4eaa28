// Loopback servers a spec starts beside the app (SMTP): numbered from the app's own port, so two
// checkouts running their suites with different E2E_PORT values never collide.
const SERVER_PORT = Number(process.env.E2E_PORT || 3210);

/** One port per spec that needs one: connections +1, integrations-builder +2, build-deploy-go-live +3, deploy +4. */
export function portBesideServer(offset: 1 | 2 | 3 | 4): number {
  return SERVER_PORT + offset;
}
