/**
 * The sandbox's starting point, made the way people would make it: the sponsor opens the bot, the
 * sponsee asks for access, the sponsor approves her with /approve.
 */
import type { FakeTelegram } from "../fakes/telegram/index.js";
import { SPONSEE, SPONSOR } from "./people.js";

const WAIT = { timeoutMs: 15_000 };

export async function seed(tg: FakeTelegram): Promise<void> {
  const sponsor = tg.user(SPONSOR.id);
  const sponsee = tg.user(SPONSEE.id);
  sponsor.start();
  await sponsor.waitForReply(() => true, WAIT);
  sponsee.start();
  await sponsor.waitForMessage((m) => m.text.includes(`/approve ${SPONSEE.id}`), WAIT);
  sponsor.command("approve", String(SPONSEE.id));
  await sponsee.waitForReply((m) => m.buttons.length > 0, WAIT);
}
