/**
 * `npm run screenshots`: the README's pictures, made from the sandbox in Debian's Chromium —
 * docs/sandbox-booking-ru.png (a booking in Russian, phone-width) and docs/sandbox-admin.png (the
 * sponsor's chat with a stranger's request, and Cal.com). Emoji need a colour emoji font
 * (Debian: fonts-noto-color-emoji).
 */
import { join } from "node:path";
import { ROOT } from "../sandbox/bot-process.js";
import { launchBrowser } from "../sandbox/driver/browser.js";
import { launchSandbox } from "../sandbox/driver/launch.js";
import { bookFirstFreeTimeRu, chat, ready, selectTab, shows } from "../sandbox/driver/page.js";
import { SPONSEE, STRANGER } from "../sandbox/people.js";

const BOOKING = join(ROOT, "docs/sandbox-booking-ru.png");
const ADMIN = join(ROOT, "docs/sandbox-admin.png");

async function main(): Promise<void> {
  const sandbox = await launchSandbox();
  const browser = await launchBrowser({ viewport: { width: 1360, height: 820 } });
  try {
    const page = await browser.context.newPage();
    await page.goto(sandbox.url);
    await ready(page);

    await page.setViewportSize({ width: 420, height: 860 });
    await bookFirstFreeTimeRu(page, "sponsee", SPONSEE.first_name);
    await chat(page, "sponsee").locator("a.doc").last().waitFor();
    await page.screenshot({ path: BOOKING });

    await page.setViewportSize({ width: 1360, height: 820 });
    await selectTab(page, "stranger");
    await chat(page, "stranger").locator(".start").click();
    await shows(page, "sponsor", `/approve ${STRANGER.id}`);
    await page.locator("#cal-bookings .booking").first().waitFor();
    await page.screenshot({ path: ADMIN });
  } finally {
    await browser.close();
    await sandbox.stop();
  }
  process.stdout.write(`wrote ${BOOKING}\nwrote ${ADMIN}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
