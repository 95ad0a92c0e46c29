import type { Language } from "../../../config.js";
import type { Messages } from "../../../i18n/index.js";
import { EXAMPLE_CITIES, parseZoneInput, RUSSIAN_ZONES, utcOffsetLabel } from "../../../time/zones.js";
import { ACTION } from "./actions.js";
import type { Button, Dialog, Next } from "./dialog.js";

export type ZoneAnswer = { zone: string } | "cancel";

/** Step 1: the eleven Russian zones as buttons (city + offset), "Other…" for a typed zone. */
export async function askZone(dialog: Dialog, t: Messages, lang: Language): Promise<ZoneAnswer> {
  const now = await dialog.now();
  const rows: Button[][] = [];
  RUSSIAN_ZONES.forEach((z, i) => {
    const button = {
      text: `${z.city[lang]} (${utcOffsetLabel(z.zone, now)})`,
      action: ACTION.zone,
      arg: String(i),
    };
    if (i % 2 === 0) rows.push([button]);
    else rows[rows.length - 1]?.push(button);
  });
  rows[rows.length - 1]?.push({ text: t.buttons.otherZone, action: ACTION.otherZone });
  rows.push([{ text: t.buttons.cancel, action: ACTION.cancel }]);

  return dialog.loop({}, async (): Promise<Next<object, ZoneAnswer>> => {
    const choice = await dialog.ask({ text: t.booking.chooseZone, rows });
    if (choice.kind !== "button" || choice.action === ACTION.cancel) return { done: "cancel" };
    if (choice.action === ACTION.zone) {
      const zone = RUSSIAN_ZONES[Number(choice.arg)]?.zone;
      if (zone) return { done: { zone } };
    }
    if (choice.action === ACTION.otherZone) {
      const typed = await askTypedZone(dialog, t, lang);
      if (typed !== "back") return { done: typed };
    }
    return { again: {} };
  });
}

async function askTypedZone(dialog: Dialog, t: Messages, lang: Language): Promise<ZoneAnswer | "back"> {
  const first = t.booking.typeZone(EXAMPLE_CITIES[lang]);
  return dialog.loop(first, async (text): Promise<Next<string, ZoneAnswer | "back">> => {
    const choice = await dialog.ask({
      text,
      rows: [
        [{ text: t.buttons.back, action: ACTION.back }],
        [{ text: t.buttons.cancel, action: ACTION.cancel }],
      ],
      acceptsText: true,
    });
    if (choice.kind === "button") return { done: choice.action === ACTION.back ? "back" : "cancel" };
    const zone = parseZoneInput(choice.text);
    return zone ? { done: { zone } } : { again: t.booking.zoneInvalid(EXAMPLE_CITIES[lang]) };
  });
}
