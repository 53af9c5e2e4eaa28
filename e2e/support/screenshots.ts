// Full-page screenshots for the README, taken from inside the specs so they show the real app.
import path from "node:path";
import { expect, type Page } from "@playwright/test";

// `npm run screenshots` refreshes the README's pictures; a normal run keeps them under test-results
// so `npm test` leaves the working tree clean.
export const SCREENSHOT_DIR = process.env.UPDATE_SCREENSHOTS
  ? path.join(process.cwd(), "docs", "screenshots")
  : path.join(process.cwd(), "test-results", "screenshots");

/**
 * Saves `<SCREENSHOT_DIR>/<name>.png` at 1280 px wide. The page is reloaded first so it shows
 * what is stored (no leftover "Item added." message), with the mouse parked off any control;
 * `reload: false` keeps what is on screen, for a picture of an answer (a refusal, an error).
 */
export async function screenshot(page: Page, name: string, { reload = true } = {}): Promise<void> {
  expect(page.viewportSize()?.width).toBe(1280);
  if (reload) await page.reload();
  await page.mouse.move(0, 0);
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true, animations: "disabled" });
}
