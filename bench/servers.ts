/**
 * The bench's second process: the fake Telegram Bot API and the fake Cal.com from tests/, on
 * 127.0.0.1, and the simulated people who talk to the bot through the fake Telegram. Driven by
 * run.ts over IPC (see protocol.ts); answers with the raw record of a run.
 */

import { type FakeCalcom, startFakeCalcom } from "../fakes/calcom/index.js";
import { FLOOD_METHODS } from "../fakes/telegram/flood.js";
import { type FakeTelegram, startFakeTelegram } from "../fakes/telegram/index.js";
import { catalogues } from "../src/i18n/index.js";
import {
  ADMIN_ID,
  type CalBooking,
  type CalRequest,
  FLOODER_ID,
  type FromServers,
  prng,
  type RawResult,
  type ScenarioSpec,
  type ServersOptions,
  type TgCall,
  type ToServers,
  type UserVisibleError,
  userProfile,
  WARMUP_ID,
} from "./protocol.js";
import { bookOnce, flood, SlotBoard } from "./users.js";

let tg: FakeTelegram | undefined;
let cal: FakeCalcom | undefined;

const send = (msg: FromServers) => process.send?.(msg);

async function start(options: ServersOptions): Promise<void> {
  tg = await startFakeTelegram({ flood: options.telegramFlood, botUsername: "telecal_bench_bot" });
  cal = await startFakeCalcom({
    latencyMs: options.calcomLatencyMs,
    // Every day 06:00–22:00 UTC: 16 one-hour slots a day, enough distinct times for hundreds of people.
    workingHours: { days: [1, 2, 3, 4, 5, 6, 7], startHour: 6, endHour: 22, timeZone: "UTC" },
    // Two hours of notice: no 1-hour reminder falls due while a run lasts.
    eventTypes: [{ minimumBookingNotice: 120 }],
  });
  // The sponsor exists (and will open the bot once it runs: see adminStarts).
  tg.user(ADMIN_ID, { first_name: "Sponsor", username: "sponsor", language_code: "en" });
  send({
    type: "ready",
    endpoints: {
      telegramApiRoot: tg.apiRoot,
      telegramToken: tg.token,
      calcomUrl: cal.url,
      calcomApiKey: cal.apiKey,
      calcomEventTypeId: cal.eventTypeId,
    },
  });
}

/** The sponsor opens the bot (it may only write to people who did). */
async function adminStarts(fake: FakeTelegram): Promise<void> {
  const admin = fake.user(ADMIN_ID);
  admin.start();
  await admin.waitForReply((m) => m.text.length > 0, { timeoutMs: 30_000 });
  send({ type: "admin-ready" });
}

const ERROR_TEXTS = Object.values(catalogues).flatMap((t) => [
  t.common.somethingWrong,
  t.common.slowDown,
  t.booking.calcomDown,
  t.booking.slotTaken,
  t.booking.contactAdmin,
  t.booking.bookingLimit,
  t.booking.hintButtons,
  t.booking.hintText,
  t.booking.timedOut,
  t.access.notApproved,
]);

async function run(fake: FakeTelegram, calcom: FakeCalcom, spec: ScenarioSpec): Promise<RawResult> {
  const admin = fake.user(ADMIN_ID);
  const adminMark = admin.mark();
  const names: Record<number, string> = {};
  for (let i = 0; i < spec.users; i++) {
    const p = userProfile(i);
    fake.user(p.id, { first_name: p.first_name, language_code: p.language_code, started: true });
    names[p.id] = p.first_name;
  }
  if (spec.flood) fake.user(FLOODER_ID, { first_name: "Flooder", language_code: "ru", started: true });

  // Warm-up: one booking nobody measures, so that what follows runs on warm code.
  const board = new SlotBoard();
  fake.user(WARMUP_ID, { first_name: "Warm Up", language_code: "ru", started: true });
  const warm = await bookOnce(WARMUP_ID, {
    tg: fake,
    board,
    spec: { ...spec, thinkMs: 100, spreadMs: 0 },
    actions: [],
  });
  if (!warm.ok) throw new Error(`warm-up booking failed: ${warm.error}`);
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const callsFrom = fake.calls.length;
  const calFrom = calcom.requests.length;

  const startedAt = Date.now();
  const actions: RawResult["actions"] = [];
  let done = 0;
  const progress = setInterval(() => send({ type: "progress", done, total: spec.users }), 5000);
  const flooding = spec.flood
    ? new Promise<number>((resolve) =>
        setTimeout(
          () => resolve(flood(fake, FLOODER_ID, spec.flood?.messages ?? 0)),
          spec.flood?.startMs ?? 0,
        ),
      )
    : Promise.resolve(0);
  const person = async (i: number) => {
    const id = userProfile(i).id;
    const random = prng(spec.seed * 7919 + i);
    const results = [];
    for (let f = 0; f < spec.flowsPerUser; f++) {
      // The next booking after reading the last one's confirmation, like any other step.
      if (f > 0) await new Promise((resolve) => setTimeout(resolve, spec.thinkMs * (0.75 + 0.5 * random())));
      const r = await bookOnce(
        id,
        { tg: fake, board, spec: f === 0 ? spec : { ...spec, spreadMs: 0 }, actions },
        random,
      );
      results.push(r);
      if (!r.ok) break;
    }
    done++;
    return results;
  };
  const flows = (await Promise.all(Array.from({ length: spec.users }, (_, i) => person(i)))).flat();
  const floodSent = await flooding;
  clearInterval(progress);
  // Trailing messages of the last steps (the .ics comes with the success message).
  await new Promise((resolve) => setTimeout(resolve, 500));
  const endedAt = Date.now();

  // From the poll that was waiting when the run began (it delivers the first update).
  const fromCall = fake.calls.findIndex(
    (c, i) => i >= callsFrom || (c.method === "getUpdates" && c.at + (c.durationMs ?? 0) >= startedAt),
  );
  const calls: TgCall[] = fake.calls.slice(fromCall < 0 ? callsFrom : fromCall).map((c) => {
    const response = c.response;
    const ok = response?.ok === true;
    const visible = ok && FLOOD_METHODS.has(c.method);
    const call: TgCall = {
      method: c.method,
      chatId: c.chatId,
      at: c.at,
      end: c.at + (c.durationMs ?? 0),
      ok,
      code: response && !response.ok ? response.error_code : undefined,
      visible,
      slots: visible && /bk:[a-z0-9]{4}:s:/.test(JSON.stringify(c.params.reply_markup ?? "")),
    };
    if (c.method === "getUpdates" && ok && Array.isArray(response?.result)) {
      call.updateIds = (response.result as Array<{ update_id: number }>).map((u) => u.update_id);
    }
    return call;
  });
  const alerts = fake.calls
    .slice(callsFrom)
    .filter((c) => c.method === "answerCallbackQuery" && String(c.params.show_alert) === "true").length;

  const errors: UserVisibleError[] = [];
  for (const id of Object.keys(names).map(Number)) {
    for (const m of fake.user(id).messages({ includeDeleted: true })) {
      for (const text of [...m.edits.map((e) => e.text ?? e.caption ?? ""), m.text]) {
        const hit = ERROR_TEXTS.find((e) => text.includes(e));
        if (hit) errors.push({ user: id, text: hit });
      }
    }
  }

  const calRequests: CalRequest[] = calcom.requests.map((r, i) => ({
    op: r.op,
    setup: i < calFrom,
    at: r.at,
    end: r.endedAt ?? r.at,
    attendee: (r.body as { attendee?: { name?: string } } | undefined)?.attendee?.name,
  }));
  const calBookings: CalBooking[] = [...calcom.state.bookings.values()].map((b) => ({
    uid: b.uid,
    start: b.start,
    status: b.status,
    attendee: b.attendee.name,
  }));

  return {
    spec,
    startedAt,
    endedAt,
    actions,
    flows,
    calls,
    calRequests,
    calBookings,
    tooManyRequests: calls.filter((c) => c.code === 429).length,
    errors,
    alerts,
    adminNotices: admin.messagesSince(adminMark).length,
    flooder: spec.flood ? { sent: floodSent, replies: fake.user(FLOODER_ID).messages().length } : undefined,
    names,
  };
}

process.on("message", (msg: ToServers) => {
  const step = async () => {
    if (msg.type === "start") return start(msg.options);
    if (!tg || !cal) throw new Error("servers not started");
    if (msg.type === "admin") return adminStarts(tg);
    if (msg.type === "run") {
      send({ type: "result", result: await run(tg, cal, msg.spec) });
      return;
    }
    await Promise.all([tg.close(), cal.close()]);
    process.exit(0);
  };
  step().catch((err: unknown) => {
    send({ type: "error", message: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  });
});
process.on("disconnect", () => process.exit(0));
