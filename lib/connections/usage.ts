// Which integrations use a connection: the Connections tab shows the count, and a connection in
// use cannot be deleted.

/** How many integrations use the connection in their trigger or steps. */
export function usedInCount(connectionId: string): number {
  // No integrations exist yet: the integrations issue counts their triggers and steps here.
  void connectionId;
  return 0;
}
