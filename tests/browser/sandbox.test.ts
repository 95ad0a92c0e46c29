/**
 * `npm run sandbox` in a real browser (Debian's Chromium through playwright-core), one story in
 * steps: a stranger asks for access and the sponsor approves; the sponsee, told that Cal.com (made
 * unreachable in the panel) does not answer, retries once it is back, books through the buttons,
 * gets the .ics and cancels; with "requires confirmation" switched on in the panel her booking is a
 * request, which the sponsor confirms in the panel and she then learns with the .ics; an invite link; a phone-width screen; Ctrl-C stops the bot with
 * SIGTERM and the sandbox exits 0.
 */
import { readFile } from "node:fs/promises";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Browser, launchBrowser } from "../../sandbox/driver/browser.js";
import { launchSandbox, type RunningSandbox } from "../../sandbox/driver/launch.js";
import {
  bookFirstTimeRu,
  chat,
  ready,
  selectTab,
  shows,
  startBookingRu,
  tap,
  type,
} from "../../sandbox/driver/page.js";

const STEP_MS = 60_000;

let sandbox: RunningSandbox;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  sandbox = await launchSandbox();
  browser = await launchBrowser();
  page = await browser.context.newPage();
  await page.goto(sandbox.url);
  await ready(page);
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await sandbox?.stop();
});

describe("the sandbox page", () => {
  it(
    "a stranger asks for access and the sponsor approves with the button, seeing the toast",
    async () => {
      await selectTab(page, "stranger");
      await chat(page, "stranger").locator(".start").click();
      await shows(page, "stranger", "Your Telegram ID: 700202");
      const request = await shows(page, "sponsor", "/approve 700202");
      await request.locator(".kb", { hasText: "Одобрить" }).click();
      await chat(page, "sponsor").locator(".toast", { hasText: "Доступ открыт" }).waitFor();
      await shows(page, "sponsor", /Решение принял|Decided by/);
      await shows(page, "stranger", "You're in!");
    },
    STEP_MS,
  );

  it(
    "Cal.com unreachable: the sponsee is told; back up, she retries and books in Russian, gets the .ics, sees it in Cal.com, cancels",
    async () => {
      await selectTab(page, "sponsee");
      await page.locator("#cal-outage").selectOption("refused");
      await startBookingRu(page, "sponsee");
      await shows(page, "sponsee", "Календарь сейчас не отвечает");
      await page.locator("#cal-outage").selectOption("");
      await tap(page, "sponsee", "Повторить");
      const label = await bookFirstTimeRu(page, "sponsee", "Ольга");

      const doc = chat(page, "sponsee").locator("a.doc").last();
      await doc.waitFor();
      expect(await doc.textContent()).toMatch(/\.ics/);
      const [download] = await Promise.all([page.waitForEvent("download"), doc.click()]);
      expect(download.suggestedFilename()).toMatch(/\.ics$/);
      const ics = await readFile((await download.path()) ?? "", "utf8");
      expect(ics).toContain("BEGIN:VCALENDAR");

      const booking = page.locator("#cal-bookings .booking", { hasText: "Ольга" });
      await booking.waitFor();
      expect(await booking.textContent()).toContain(label);
      expect(await booking.locator(".badge").textContent()).toBe("accepted");

      await tap(page, "sponsee", "Мои встречи");
      await shows(page, "sponsee", label);
      await tap(page, "sponsee", "✖️ Отменить");
      await shows(page, "sponsee", "Отменить встречу");
      await tap(page, "sponsee", "Да, отменить");
      await shows(page, "sponsee", "отменена");
      await booking.locator(".badge", { hasText: "cancelled" }).waitFor();
    },
    STEP_MS * 1.5,
  );

  it(
    "requires confirmation (the panel's switch): the booking is a request to the sponsor; confirmed in the Cal.com panel, the sponsee learns it with the .ics",
    async () => {
      await selectTab(page, "sponsee");
      await page.locator("#cal-confirmation").check();
      const docs = chat(page, "sponsee").locator("a.doc");
      const docsBefore = await docs.count();
      // Her zone is remembered from the booking before: /book goes straight to the free times.
      await type(page, "sponsee", "/book");
      await bookFirstTimeRu(page, "sponsee", "Ольга", "Запрос отправлен спонсору");
      await shows(page, "sponsor", "Запрос на встречу: Ольга");
      const booking = page.locator("#cal-bookings .booking", { hasText: "Ольга" }).filter({
        has: page.locator(".badge.pending"),
      });
      await booking.locator("button", { hasText: "Confirm" }).click();
      await booking.waitFor({ state: "detached" });
      // Found when she looks (the background sync would tell her within its interval too).
      await type(page, "sponsee", "/mybookings");
      await shows(page, "sponsee", "Спонсор подтвердил встречу");
      // The calendar file comes only now, with the confirmation (none with the request).
      await expect.poll(() => docs.count(), { timeout: 15_000 }).toBe(docsBefore + 1);
      await shows(page, "sponsor", "Подтверждено в Cal.com");
      await page.locator("#cal-confirmation").uncheck();
    },
    STEP_MS,
  );

  it(
    "the sponsor makes an invite link; tapping it opens the bot in the stranger's app with its code",
    async () => {
      await type(page, "sponsor", "/invite");
      const invite = await shows(page, "sponsor", /t\.me\/\S+\?start=/);
      await invite.locator("a", { hasText: "t.me/" }).click();
      await shows(page, "stranger", /^\/start \S+/);
      expect(await chat(page, "stranger").isVisible()).toBe(true);
    },
    STEP_MS,
  );

  it(
    "a phone-width screen shows one chat at a time; the sponsor switches to English and uses the command menu",
    async () => {
      await page.setViewportSize({ width: 390, height: 800 });
      await selectTab(page, "sponsor");
      const sponsor = chat(page, "sponsor");
      await sponsor.waitFor({ state: "visible" });
      expect(await chat(page, "sponsee").isVisible()).toBe(false);
      await sponsor.locator(".lang button[data-lang=en]").click();
      await sponsor.locator(".menu-button").click();
      await sponsor.locator(".menu button", { hasText: "Access requests" }).waitFor();
      await sponsor.locator(".menu button", { hasText: "/help" }).click();
      await shows(page, "sponsor", "Admin commands:");
    },
    STEP_MS,
  );

  it(
    "Ctrl-C stops the bot with SIGTERM; the sandbox exits 0",
    async () => {
      const code = await sandbox.stop();
      expect(sandbox.output()).toContain("the bot stopped: exit code 0");
      expect(code).toBe(0);
    },
    STEP_MS,
  );
});
