// The engine without HTTP: board items created through the items service (each write queueing its
// runs in the same transaction), then executed and recorded by an engine in this process.
import { createEngine } from "@/lib/engine/engine";
import { engineSettings } from "@/lib/engine/settings";
import { createItems } from "@/lib/items/items";
import { FIGURE } from "../figures";
import { figures, seconds, settings, succeededRuns, until, useDataDir } from "../support/context";
import { benchAccount, itemToFormatter, onIntegration } from "../support/fixtures";

const ITEMS = 20_000;
const BATCH = 100;

export async function engineSection(): Promise<void> {
  for (let round = 1; round <= settings.repeat; round++) {
    useDataDir(`engine-${round}`);
    const b = await benchAccount();
    const integration = onIntegration(b, "Item to formatter", itemToFormatter(b));
    const writing = performance.now();
    for (let i = 0; i < ITEMS; i += BATCH) createItems(b.admin, b.dev, b.board.id, Array.from({ length: BATCH }, (_, j) => ({ name: `item ${i + j}` })));
    const written = seconds(writing);
    const engine = createEngine(engineSettings());
    const executing = performance.now();
    await until(() => succeededRuns(integration.id) === ITEMS, 120_000, `${ITEMS} runs`);
    const executed = seconds(executing);
    await engine.stop();
    figures.add(FIGURE.itemsWritten, ITEMS / written);
    figures.add(FIGURE.itemsThroughEngine, ITEMS / executed);
  }
}
