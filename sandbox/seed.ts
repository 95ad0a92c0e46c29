/**
 * The sandbox's starting point, made the way people would make it: the sponsor opens the bot, the
 * sponsee asks for access, the sponsor taps "Approve" on the request.
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
  const request = await sponsor.waitForMessage((m) => m.text.includes(`/approve ${SPONSEE.id}`), WAIT);
  await sponsor.waitForCallbackAnswer(sponsor.tapButton(/Одобрить|Approve/, request), WAIT);
  await sponsee.waitForReply((m) => m.buttons.length > 0, WAIT);
}
