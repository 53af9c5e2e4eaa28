// How services tell the scheduler of this process that integrations changed (turned on or off,
// deployed, archived, a Development definition saved), so schedule triggers follow at once
// instead of at the next minute's re-sync.
import { processSignal } from "@/lib/process-signal";

const integrationsChanged = processSignal("integrations-changed");

export const onIntegrationsChanged = integrationsChanged.on;

/** Call after the change is committed; listeners only schedule their re-sync. */
export const notifyIntegrationsChanged = integrationsChanged.notify;
