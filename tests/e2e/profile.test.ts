import { afterEach, describe, expect, it } from "vitest";
import { waitFor } from "../../fakes/support/wait.js";
import { DESCRIPTION_MAX, profileTexts, SHORT_DESCRIPTION_MAX } from "../../src/bot/profile.js";
import { utf16Length } from "../../src/text/graphemes.js";
import { shows } from "./booking-helpers.js";
import { startWorld, type World } from "./harness.js";

let world: World;
afterEach(async () => {
  await world.close();
});

/** Asks the (fake) Bot API what a user of `language_code` sees, as Telegram's apps do. */
async function botApi(
  method: string,
  params: Record<string, unknown> = {},
): Promise<Record<string, unknown>> {
  const res = await fetch(`${world.tg.apiRoot}/bot${world.tg.token}/${method}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(params),
  });
  const body = (await res.json()) as { ok: boolean; result: Record<string, unknown> };
  expect(body.ok).toBe(true);
  return body.result;
}

const profileDone = () =>
  waitFor(() => world.tg.callsOf("getMyShortDescription").length >= 3, {
    description: "the bot to check its three short descriptions",
  });

describe("the bot's profile", () => {
  it("sets the Russian and English descriptions, and the default in DEFAULT_LANGUAGE, only where they differ", async () => {
    world = await startWorld({ env: { DEFAULT_LANGUAGE: "en" } });
    await profileDone();
    await waitFor(() => world.tg.callsOf("setMyShortDescription").length === 3);
    const ru = profileTexts("ru");
    const en = profileTexts("en");
    expect(await botApi("getMyDescription", { language_code: "ru" })).toEqual({
      description: ru.description,
    });
    expect(await botApi("getMyShortDescription", { language_code: "ru" })).toEqual({
      short_description: ru.shortDescription,
    });
    expect(await botApi("getMyDescription", { language_code: "en" })).toEqual({
      description: en.description,
    });
    expect(await botApi("getMyDescription")).toEqual({ description: en.description });
    expect(await botApi("getMyShortDescription")).toEqual({ short_description: en.shortDescription });
    expect(ru.description).toMatch(/спонсор/);
    expect(en.description).toMatch(/approves everyone first/);

    // Started again with the same texts: read, not written.
    await botApi("setMyShortDescription", { short_description: "stale", language_code: "ru" });
    const writes =
      world.tg.callsOf("setMyDescription").length + world.tg.callsOf("setMyShortDescription").length;
    await world.restart();
    await waitFor(() => world.tg.callsOf("getMyShortDescription").length >= 6);
    await waitFor(() => world.tg.callsOf("setMyShortDescription").length === 4 + 1); // ours above + the fix
    expect(
      world.tg.callsOf("setMyDescription").length + world.tg.callsOf("setMyShortDescription").length,
    ).toBe(writes + 1);
    expect(await botApi("getMyShortDescription", { language_code: "ru" })).toEqual({
      short_description: ru.shortDescription,
    });
  });

  it("a refusal from Telegram is logged and the bot works on", async () => {
    world = await startWorld({ captureLogs: true });
    await profileDone();
    await botApi("setMyDescription", { description: "stale" });
    world.tg.failNext("setMyDescription", { error_code: 403, description: "Forbidden: not allowed" }, 100);
    world.tg.failNext("getMyShortDescription", { error_code: 400, description: "Bad Request: odd" }, 100);
    await world.restart();
    await waitFor(
      () => world.logs.filter((l) => l.includes("could not set the bot's description")).length === 3,
    );
    const ana = world.tg.user(7_600_000_001, { first_name: "Ana", language_code: "en" });
    ana.start();
    await shows(ana, "sent an access request");
  });

  it("the texts fit Telegram's limits (512 and 120 characters) in both languages", () => {
    for (const lang of ["ru", "en"] as const) {
      const { description, shortDescription } = profileTexts(lang);
      expect(utf16Length(description)).toBeLessThanOrEqual(DESCRIPTION_MAX);
      expect(utf16Length(shortDescription)).toBeLessThanOrEqual(SHORT_DESCRIPTION_MAX);
      expect(description.length).toBeGreaterThan(100);
    }
  });
});
