/**
 * The sandbox page as a person uses it, for playwright: read a chat, tap a button on the newest
 * message that has it, type into a chat's box. Waits come from playwright's locators (deadlines).
 */
import type { Locator, Page } from "playwright-core";

export type ChatKey = "sponsee" | "sponsor" | "stranger";

const TIMEOUT = 15_000;

export const chat = (page: Page, key: ChatKey): Locator => page.locator(`#chat-${key}`);

/** The newest message in the chat whose text matches. */
export async function shows(page: Page, key: ChatKey, text: string | RegExp): Promise<Locator> {
  const message = chat(page, key).locator(".msg").filter({ hasText: text }).last();
  await message.waitFor({ timeout: TIMEOUT });
  return message;
}

/** Taps the button labelled `label` on the newest message that has one. */
export async function tap(page: Page, key: ChatKey, label: string | RegExp): Promise<void> {
  const button = chat(page, key).locator(".msg .kb").filter({ hasText: label }).last();
  await button.click({ timeout: TIMEOUT });
}

/** Types into the chat's text box and sends. */
export async function type(page: Page, key: ChatKey, text: string): Promise<void> {
  await chat(page, key).locator(".compose .text").fill(text);
  await chat(page, key).locator(".compose .send").click();
}

/** Waits for the bot to be running and the sponsee to have been let in (the sandbox's seed). */
export async function ready(page: Page): Promise<void> {
  await page.locator("#bot-status[data-phase=running]").waitFor({ timeout: 60_000 });
  await shows(page, "sponsee", /Доступ открыт|You're in/);
}

export const selectTab = (page: Page, tab: ChatKey | "calendar") =>
  page.locator(`.tabs button[data-tab=${tab}]`).click();

/** A Russian-speaking member starts booking: Записаться → Москва (the bot then asks Cal.com). */
export async function startBookingRu(page: Page, key: ChatKey): Promise<void> {
  await tap(page, key, "Записаться");
  await shows(page, key, "часовом поясе");
  await tap(page, key, /^Москва/);
}

/**
 * From the free times: the first one → her Telegram name → no email → Подтвердить. Returns the
 * time's label as the button showed it.
 */
export async function bookFirstTimeRu(
  page: Page,
  key: ChatKey,
  name: string,
  done: string | RegExp = "вы записаны",
): Promise<string> {
  const slots = await shows(page, key, /^Свободное время/);
  const time = slots
    .locator(".kb")
    .filter({ hasText: /^\d\d:\d\d$/ })
    .first();
  const label = (await time.textContent()) ?? "";
  await time.click();
  await shows(page, key, "Как вас записать");
  await tap(page, key, `Использовать «${name}»`);
  await shows(page, key, "email");
  await tap(page, key, "Пропустить");
  await shows(page, key, "Проверьте");
  await tap(page, key, "Подтвердить");
  await shows(page, key, done);
  return label;
}

/** A Russian-speaking member books the first free time through the buttons. */
export async function bookFirstFreeTimeRu(page: Page, key: ChatKey, name: string): Promise<string> {
  await startBookingRu(page, key);
  return bookFirstTimeRu(page, key, name);
}
