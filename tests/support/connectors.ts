// A connector context for unit tests of one connector: the guarded fetch (tests that call a
// loopback server set ALLOW_PRIVATE_NETWORK=true), a Production environment and a silent logger.
import type { ConnectionContext } from "@/lib/connectors/framework";
import { createConnectorFetch } from "@/lib/connectors/outbound";

export function testContext<C>(credentials: C): ConnectionContext<C> {
  return {
    credentials,
    environment: { id: "AcTest01", kind: "production", accountId: "AcTest01", accountDomain: "localhost:3000", instance: { protocol: "http:", hosts: [] } },
    fetch: createConnectorFetch(),
    log: { info() {}, warn() {} },
  };
}
