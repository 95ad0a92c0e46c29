import type { Language } from "../../../config.js";
import type { Messages } from "../../../i18n/index.js";
import { EXAMPLE_CITIES, parseZoneInput, RUSSIAN_ZONES, utcOffsetLabel } from "../../../time/zones.js";
import { ACTION } from "./actions.js";
import type { Button, Dialog } from "./dialog.js";

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

  for (;;) {
    const choice = await dialog.ask({ text: t.booking.chooseZone, rows });
    if (choice.kind !== "button" || choice.action === ACTION.cancel) return "cancel";
    if (choice.action === ACTION.zone) {
      const zone = RUSSIAN_ZONES[Number(choice.arg)]?.zone;
      if (zone) return { zone };
      continue;
    }
    if (choice.action === ACTION.otherZone) {
      const typed = await askTypedZone(dialog, t, lang);
      if (typed !== "back") return typed;
    }
  }
}

async function askTypedZone(dialog: Dialog, t: Messages, lang: Language): Promise<ZoneAnswer | "back"> {
  let text = t.booking.typeZone(EXAMPLE_CITIES[lang]);
  for (;;) {
    const choice = await dialog.ask({
      text,
      rows: [
        [{ text: t.buttons.back, action: ACTION.back }],
        [{ text: t.buttons.cancel, action: ACTION.cancel }],
      ],
      acceptsText: true,
    });
    if (choice.kind === "button") return choice.action === ACTION.back ? "back" : "cancel";
    const zone = parseZoneInput(choice.text);
    if (zone) return { zone };
    text = t.booking.zoneInvalid(EXAMPLE_CITIES[lang]);
  }
}
