/** Figures per scenario, the targets they are held to, and their two forms: a table and JSON. */
import type { Analysis, StepSample } from "./analyze.js";
import type { Usage } from "./bot.js";

/** The bot's background slot refresh after bookings comes at most this often (availability-cache.ts). */
const REFRESH_GAP_S = 10;

import { type RawResult, STEPS } from "./protocol.js";

export interface Dist {
  n: number;
  p50: number;
  p95: number;
  max: number;
}

export function dist(values: readonly number[]): Dist {
  if (values.length === 0) return { n: 0, p50: 0, p95: 0, max: 0 };
  const sorted = [...values].sort((a, b) => a - b);
  // Nearest rank: the smallest value with at least p of the samples at or below it.
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] as number;
  const r = (x: number) => Math.round(x * 10) / 10;
  return { n: sorted.length, p50: r(at(0.5)), p95: r(at(0.95)), max: r(sorted[sorted.length - 1] as number) };
}

export interface StepReport {
  step: string;
  latency: Dist;
  overhead: Dist;
  telegramWaitP95: number;
  calcomWaitP95: number;
}

export interface ScenarioReport {
  name: string;
  users: number;
  thinkMs: number;
  durationS: number;
  steps: StepReport[];
  /** Every step together. */
  all: StepReport;
  /** Confirm → the .ics document (includes Cal.com's booking call). */
  result: Dist;
  flows: { ok: number; failed: number; failures: string[] };
  /** Every request since the bot started (start-up and warm-up included), and those of the run. */
  calcomRequests: Record<string, number>;
  calcomRequestsInRun: Record<string, number>;
  /** getSlots requests, and how many one-per-TTL allows for the run's length. */
  availabilityRequests: { made: number; allowed: number };
  slotsWithoutWaiting: { flows: number; atOnce: number; percent: number };
  bookings: {
    expected: number;
    made: number;
    people: number;
    duplicates: number;
    missing: number;
    inBotDb: number | undefined;
  };
  telegram429: number;
  outgoingPerSecond: { peak: number; sustained: number; mean: number };
  messagesSent: number;
  /** Messages Telegram counted (sends and edits, the admins' included) per booking made. */
  messagesPerBooking: number | undefined;
  userVisibleErrors: number;
  errorSamples: string[];
  alerts: number;
  adminNotices: number;
  unmeasured: number;
  bot: {
    /** Resident memory once started (before the run) and its peak over the whole process life. */
    rssAtStartMb: number | undefined;
    peakRssMb: number | undefined;
    cpuSeconds: number | undefined;
    warnings: number;
    errors: number;
  };
  flooder?: { sent: number; replies: number } | undefined;
}

function stepReport(step: string, samples: readonly StepSample[]): StepReport {
  return {
    step,
    latency: dist(samples.map((s) => s.latencyMs)),
    overhead: dist(samples.map((s) => s.overheadMs)),
    telegramWaitP95: dist(samples.map((s) => s.telegramWaitMs)).p95,
    calcomWaitP95: dist(samples.map((s) => s.calcomWaitMs)).p95,
  };
}

export interface BotFigures {
  start: Usage | undefined;
  end: Usage | undefined;
  warnings: number;
  errors: number;
  dbBookings: number | undefined;
}

export function summarize(raw: RawResult, a: Analysis, bot: BotFigures, ttlSeconds: number): ScenarioReport {
  const durationS = (raw.endedAt - raw.startedAt) / 1000;
  const steps = STEPS.map((s) =>
    stepReport(
      s,
      a.samples.filter((x) => x.step === s),
    ),
  ).filter((s) => s.latency.n > 0);
  const calcomRequests: Record<string, number> = {};
  const calcomRequestsInRun: Record<string, number> = {};
  for (const r of raw.calRequests) {
    calcomRequests[r.op] = (calcomRequests[r.op] ?? 0) + 1;
    if (!r.setup) calcomRequestsInRun[r.op] = (calcomRequestsInRun[r.op] ?? 0) + 1;
  }
  const botLifeS = (raw.endedAt - (raw.calRequests[0]?.at ?? raw.startedAt)) / 1000;
  const expected = raw.spec.users * raw.spec.flowsPerUser;
  const perPerson = new Map<string, number>();
  const zone = a.samples.filter((s) => s.step === "zone");
  const accepted = raw.calBookings.filter((b) => b.status === "accepted");
  const names = new Set(Object.values(raw.names));
  const ours = accepted.filter((b) => names.has(b.attendee));
  for (const b of ours) perPerson.set(b.attendee, (perPerson.get(b.attendee) ?? 0) + 1);
  const extra = [...perPerson.values()].reduce((n, c) => n + Math.max(0, c - raw.spec.flowsPerUser), 0);
  const starts = new Set(accepted.map((b) => b.start));
  const failures = raw.flows.filter((f) => !f.ok);
  return {
    name: raw.spec.name,
    users: raw.spec.users,
    thinkMs: raw.spec.thinkMs,
    durationS: Math.round(durationS * 10) / 10,
    steps,
    all: stepReport("all", a.samples),
    result: dist(a.results.map((r) => r.latencyMs)),
    flows: {
      ok: raw.flows.length - failures.length,
      failed: failures.length,
      failures: failures.slice(0, 5).map((f) => `${f.user}: ${f.error ?? "?"}`),
    },
    calcomRequests,
    calcomRequestsInRun,
    availabilityRequests: {
      made: calcomRequests.getSlots ?? 0,
      // One per TTL, plus the background refresh after bookings (issue 11): at most one per 10 s.
      allowed: Math.max(1, Math.ceil(botLifeS / ttlSeconds)) + Math.ceil(botLifeS / REFRESH_GAP_S),
    },
    slotsWithoutWaiting: {
      flows: zone.length,
      atOnce: zone.filter((s) => s.slotsAtOnce).length,
      percent:
        zone.length === 0
          ? 0
          : Math.round((zone.filter((s) => s.slotsAtOnce).length / zone.length) * 1000) / 10,
    },
    bookings: {
      expected,
      made: ours.length,
      people: perPerson.size,
      duplicates: extra + (accepted.length - starts.size),
      missing: Math.max(0, expected - ours.length + extra),
      inBotDb: bot.dbBookings,
    },
    telegram429: raw.tooManyRequests,
    outgoingPerSecond: {
      peak: a.peakOutgoingPerSecond,
      sustained: a.sustainedOutgoingPerSecond,
      mean: Math.round(a.meanOutgoingPerSecond * 10) / 10,
    },
    messagesSent: raw.calls.filter((c) => c.visible).length,
    messagesPerBooking:
      ours.length === 0
        ? undefined
        : Math.round((raw.calls.filter((c) => c.visible).length / ours.length) * 10) / 10,
    userVisibleErrors: raw.errors.length,
    errorSamples: [...new Set(raw.errors.map((e) => e.text))].slice(0, 3),
    alerts: raw.alerts,
    adminNotices: raw.adminNotices,
    unmeasured: a.unmeasured,
    bot: {
      rssAtStartMb: bot.start ? Math.round(bot.start.rssMb * 10) / 10 : undefined,
      peakRssMb: bot.end ? Math.round(bot.end.peakRssMb * 10) / 10 : undefined,
      cpuSeconds:
        bot.end && bot.start
          ? Math.round((bot.end.cpuSeconds - bot.start.cpuSeconds) * 100) / 100
          : undefined,
      warnings: bot.warnings,
      errors: bot.errors,
    },
    flooder: raw.flooder,
  };
}

const pad = (s: string | number, n: number) => String(s).padStart(n);

export function table(r: ScenarioReport): string {
  const lines: string[] = [];
  lines.push(
    `── ${r.name}: ${r.users} people booking${r.flooder ? ` + 1 sending ${r.flooder.sent} messages` : ""}, think ${r.thinkMs / 1000} s, ${r.durationS} s`,
  );
  lines.push(
    `  ${"step".padEnd(8)} ${pad("n", 4)} │ ${pad("latency ms p50", 14)} ${pad("p95", 7)} ${pad("max", 7)} │ ${pad("overhead p50", 12)} ${pad("p95", 6)} ${pad("max", 7)} │ ${pad("tg wait p95", 11)} ${pad("cal wait p95", 12)}`,
  );
  for (const s of [...r.steps, r.all]) {
    lines.push(
      `  ${s.step.padEnd(8)} ${pad(s.latency.n, 4)} │ ${pad(s.latency.p50, 14)} ${pad(s.latency.p95, 7)} ${pad(s.latency.max, 7)} │ ${pad(s.overhead.p50, 12)} ${pad(s.overhead.p95, 6)} ${pad(s.overhead.max, 7)} │ ${pad(s.telegramWaitP95, 11)} ${pad(s.calcomWaitP95, 12)}`,
    );
  }
  lines.push(
    `  Confirm → .ics (includes Cal.com's booking call): p50 ${r.result.p50} ms, p95 ${r.result.p95} ms, max ${r.result.max} ms`,
  );
  const list = (counts: Record<string, number>) =>
    Object.entries(counts)
      .map(([op, n]) => `${op} ${n}`)
      .join(", ") || "none";
  lines.push(
    `  Cal.com requests since the bot started: ${list(r.calcomRequests)}; during the run: ${list(r.calcomRequestsInRun)} (availability ${r.availabilityRequests.made}, one per TTL and a refresh per ${REFRESH_GAP_S} s allow ${r.availabilityRequests.allowed})`,
  );
  lines.push(
    `  free times shown at once (no waiting on Cal.com): ${r.slotsWithoutWaiting.atOnce}/${r.slotsWithoutWaiting.flows} flows (${r.slotsWithoutWaiting.percent} %)`,
  );
  lines.push(
    `  bookings: ${r.bookings.made} of ${r.bookings.expected} made (duplicates ${r.bookings.duplicates}, missing ${r.bookings.missing}, bot's table ${r.bookings.inBotDb ?? "?"}); flows ok ${r.flows.ok}, failed ${r.flows.failed}${r.flows.failures.length ? ` (${r.flows.failures.join("; ")})` : ""}`,
  );
  lines.push(
    `  Telegram: ${r.messagesSent} messages (${r.messagesPerBooking ?? "?"} per booking), peak ${r.outgoingPerSecond.peak}/s (busiest 10 s: ${r.outgoingPerSecond.sustained}/s), mean ${r.outgoingPerSecond.mean}/s, 429s ${r.telegram429}; user-visible errors ${r.userVisibleErrors}${r.errorSamples.length ? ` (${r.errorSamples.join(" | ")})` : ""}, alerts ${r.alerts}, admin notices ${r.adminNotices}`,
  );
  if (r.flooder) lines.push(`  flooder: sent ${r.flooder.sent}, got ${r.flooder.replies} replies`);
  lines.push(
    `  bot process: RSS ${r.bot.rssAtStartMb ?? "?"} MB after start-up, peak ${r.bot.peakRssMb ?? "?"} MB, CPU ${r.bot.cpuSeconds ?? "?"} s; log warnings ${r.bot.warnings}, errors ${r.bot.errors}${r.unmeasured ? `; unmeasured steps ${r.unmeasured}` : ""}`,
  );
  return lines.join("\n");
}

export interface TargetCheck {
  target: string;
  ok: boolean;
  detail: string;
}

const find = (reports: readonly ScenarioReport[], name: string) => reports.find((r) => r.name === name);

/** The issue's targets, each with the figure it was judged on. */
export function checkTargets(reports: readonly ScenarioReport[], telegramLimit: number): TargetCheck[] {
  const out: TargetCheck[] = [];
  const solo = find(reports, "solo");
  const crowd = find(reports, "crowd");
  const surge = find(reports, "surge");
  const flood = find(reports, "flood");
  if (crowd) {
    out.push({
      target: "crowd: overhead p95 < 20 ms",
      ok: crowd.all.overhead.p95 < 20,
      detail: `${crowd.all.overhead.p95} ms`,
    });
    if (solo) {
      for (const s of crowd.steps) {
        const base = solo.steps.find((x) => x.step === s.step);
        if (!base) continue;
        const ratio = s.latency.p95 / Math.max(base.latency.p95, 0.1);
        out.push({
          target: `crowd: ${s.step} p95 ≤ 1.2 × solo`,
          ok: ratio <= 1.2,
          detail: `${s.latency.p95} vs ${base.latency.p95} ms (×${ratio.toFixed(2)})`,
        });
        out.push({
          target: `crowd: ${s.step} p95 ≤ 1.5 × solo`,
          ok: ratio <= 1.5,
          detail: `×${ratio.toFixed(2)}`,
        });
      }
    }
  }
  for (const r of reports) {
    out.push({
      target: `${r.name}: availability requests ≤ 1 per cache TTL + 1 refresh per ${REFRESH_GAP_S} s`,
      ok: r.availabilityRequests.made <= r.availabilityRequests.allowed,
      detail: `${r.availabilityRequests.made} (allowed ${r.availabilityRequests.allowed})`,
    });
    if (r.slotsWithoutWaiting.flows > 0) {
      out.push({
        target: `${r.name}: free times shown without waiting on Cal.com in ≥ 90 % of flows`,
        ok: r.slotsWithoutWaiting.percent >= 90,
        detail: `${r.slotsWithoutWaiting.percent} %`,
      });
    }
    out.push({
      target: `${r.name}: every booking made exactly once`,
      ok: r.bookings.made === r.bookings.expected && r.bookings.duplicates === 0 && r.bookings.missing === 0,
      detail: `${r.bookings.made}/${r.bookings.expected}, duplicates ${r.bookings.duplicates}`,
    });
    if (!r.flooder && r.messagesPerBooking !== undefined) {
      out.push({
        target: `${r.name}: messages per booking ≤ 7`,
        ok: r.messagesPerBooking <= 7,
        detail: `${r.messagesPerBooking}`,
      });
    }
    out.push({
      target: `${r.name}: peak RSS < 120 MB`,
      ok: (r.bot.peakRssMb ?? Number.POSITIVE_INFINITY) < 120,
      detail: `${r.bot.peakRssMb ?? "?"} MB`,
    });
  }
  if (surge) {
    out.push({
      target: "surge: peak RSS < 180 MB (the fly VM has 256 MB)",
      ok: (surge.bot.peakRssMb ?? Number.POSITIVE_INFINITY) < 180,
      detail: `${surge.bot.peakRssMb ?? "?"} MB`,
    });
    out.push({
      target: "surge: no user-visible error",
      ok: surge.userVisibleErrors === 0 && surge.flows.failed === 0 && surge.alerts === 0,
      detail: `errors ${surge.userVisibleErrors}, failed flows ${surge.flows.failed}, alerts ${surge.alerts}`,
    });
    const rate = surge.outgoingPerSecond.sustained;
    out.push({
      target: `surge: outgoing rate ≥ 90 % of Telegram's ${telegramLimit}/s (busiest 10 s)`,
      ok: rate >= 0.9 * telegramLimit,
      detail: `${rate}/s (${Math.round((rate / telegramLimit) * 100)} %); busiest second ${surge.outgoingPerSecond.peak}, mean over the run ${surge.outgoingPerSecond.mean}/s`,
    });
    const share = surge.messagesSent === 0 ? 0 : surge.telegram429 / surge.messagesSent;
    out.push({
      target: "surge: Telegram 429s rare (< 1 % of messages)",
      ok: share < 0.01,
      detail: `${surge.telegram429} for ${surge.messagesSent} messages`,
    });
  }
  if (flood && crowd) {
    const ratio = flood.all.latency.p95 / Math.max(crowd.all.latency.p95, 0.1);
    out.push({
      target: "flood: others' p95 ≤ 1.2 × crowd",
      ok: ratio <= 1.2,
      detail: `${flood.all.latency.p95} vs ${crowd.all.latency.p95} ms (×${ratio.toFixed(2)})`,
    });
  }
  return out;
}

/** The largest N among crowd-shaped runs (crowd, surge, ladder) whose overhead p95 stays < 50 ms. */
export function largestCrowd(reports: readonly ScenarioReport[]): { n: number | undefined; tested: string } {
  const crowdLike = reports
    .filter((r) => r.name === "crowd" || r.name === "surge" || r.name.startsWith("crowd-"))
    .sort((a, b) => a.users - b.users);
  let n: number | undefined;
  for (const r of crowdLike) {
    if (r.all.overhead.p95 >= 50) break;
    n = r.users;
  }
  return { n, tested: crowdLike.map((r) => `${r.users}: ${r.all.overhead.p95} ms`).join(", ") };
}

/** The largest N among crowd-shaped runs whose every step's p95 stays within 1.2 × solo's. */
export function largestCrowdWithinSolo(reports: readonly ScenarioReport[]): number | undefined {
  const solo = find(reports, "solo");
  if (!solo) return undefined;
  const crowdLike = reports
    .filter((r) => r.name === "crowd" || r.name === "surge" || r.name.startsWith("crowd-"))
    .sort((a, b) => a.users - b.users);
  let n: number | undefined;
  for (const r of crowdLike) {
    const within = r.steps.every((s) => {
      const base = solo.steps.find((x) => x.step === s.step);
      return !base || s.latency.p95 <= 1.2 * Math.max(base.latency.p95, 0.1);
    });
    if (!within) break;
    n = r.users;
  }
  return n;
}
