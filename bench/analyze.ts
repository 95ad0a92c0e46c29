/**
 * From the raw record of a run to the figures: per step, the reply latency (the update delivered to
 * the bot → the first message sent or edited in that chat), and the part of it the bot itself is
 * responsible for (minus waiting on Cal.com and on Telegram's limits).
 */
import type { PaceWait } from "./bot.js";
import type { RawResult, StepName, TgCall } from "./protocol.js";

type Interval = [number, number];

export interface StepSample {
  user: number;
  step: StepName;
  latencyMs: number;
  telegramWaitMs: number;
  calcomWaitMs: number;
  overheadMs: number;
  /** Zone step: the free times were the first thing shown (no "loading"). */
  slotsAtOnce: boolean;
}

export interface ResultSample {
  user: number;
  /** Confirm delivered → the .ics document in the chat. */
  latencyMs: number;
  calcomWaitMs: number;
}

export interface Analysis {
  samples: StepSample[];
  results: ResultSample[];
  /** Actions whose update or reply was never seen. */
  unmeasured: number;
  peakOutgoingPerSecond: number;
  /** The busiest 10 s, per second: the rate the bot sustains while replies queue. */
  sustainedOutgoingPerSecond: number;
  meanOutgoingPerSecond: number;
}

/** Total length of the union of `intervals` within [from, to]. */
export function coveredWithin(intervals: readonly Interval[], from: number, to: number): number {
  const clipped = intervals
    .map(([a, b]): Interval => [Math.max(a, from), Math.min(b, to)])
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0]);
  let total = 0;
  let cur: Interval | undefined;
  for (const iv of clipped) {
    if (cur && iv[0] <= cur[1]) cur[1] = Math.max(cur[1], iv[1]);
    else {
      if (cur) total += cur[1] - cur[0];
      cur = [iv[0], iv[1]];
    }
  }
  if (cur) total += cur[1] - cur[0];
  return total;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The most events within any `windowMs`. */
export function peakRate(times: readonly number[], windowMs = 1000): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  let lo = 0;
  for (let hi = 0; hi < sorted.length; hi++) {
    while ((sorted[hi] as number) - (sorted[lo] as number) >= windowMs) lo++;
    best = Math.max(best, hi - lo + 1);
  }
  return best;
}

export function analyze(
  raw: RawResult,
  paceWaits: readonly PaceWait[],
  chatOf: (pseudonym: string) => number | undefined,
): Analysis {
  const delivered = new Map<number, number>();
  for (const c of raw.calls) {
    if (c.method !== "getUpdates" || !c.updateIds) continue;
    for (const id of c.updateIds) if (!delivered.has(id)) delivered.set(id, c.end);
  }

  const visibleByChat = new Map<number, TgCall[]>();
  const callsByChat = new Map<number, TgCall[]>();
  for (const c of raw.calls) {
    if (c.chatId === undefined) continue;
    push(callsByChat, c.chatId, c);
    if (c.visible) push(visibleByChat, c.chatId, c);
  }
  for (const list of visibleByChat.values()) list.sort((a, b) => a.end - b.end);

  // Waiting on Telegram's limits: the bot's own pacing, and the sleep after each 429.
  const telegramWaits = new Map<number, Interval[]>();
  for (const w of paceWaits) {
    const chatId = w.to === undefined ? undefined : chatOf(w.to);
    if (chatId !== undefined) push(telegramWaits, chatId, [w.at - w.waitedMs, w.at] as Interval);
  }
  for (const [chat, calls] of callsByChat) {
    const sorted = [...calls].sort((a, b) => a.at - b.at);
    sorted.forEach((c, i) => {
      if (c.code !== 429) return;
      const retry = sorted.slice(i + 1).find((n) => n.method === c.method && n.at >= c.end);
      push(telegramWaits, chat, [c.end, retry?.at ?? c.end] as Interval);
    });
  }

  // Waiting on Cal.com: requests made for this person (by attendee name), and slot lookups when
  // the change shown is a page of free times.
  const userByName = new Map(Object.entries(raw.names).map(([id, name]) => [name, Number(id)]));
  const calByUser = new Map<number, Interval[]>();
  const slotLookups: Interval[] = [];
  for (const r of raw.calRequests) {
    if (r.op === "getSlots") slotLookups.push([r.at, r.end]);
    const user = r.attendee === undefined ? undefined : userByName.get(r.attendee);
    if (user !== undefined) push(calByUser, user, [r.at, r.end] as Interval);
  }

  const samples: StepSample[] = [];
  const results: ResultSample[] = [];
  let unmeasured = 0;
  for (const a of raw.actions) {
    const from = delivered.get(a.updateId);
    const shown = from === undefined ? undefined : visibleByChat.get(a.user)?.find((c) => c.end >= from);
    if (from === undefined || !shown) {
      unmeasured++;
      continue;
    }
    const to = shown.end;
    const telegramWaitMs = coveredWithin(telegramWaits.get(a.user) ?? [], from, to);
    const calIntervals = [...(calByUser.get(a.user) ?? []), ...(shown.slots ? slotLookups : [])];
    const calcomWaitMs = coveredWithin(calIntervals, from, to);
    const latencyMs = to - from;
    samples.push({
      user: a.user,
      step: a.step,
      latencyMs,
      telegramWaitMs,
      calcomWaitMs,
      overheadMs: Math.max(0, latencyMs - telegramWaitMs - calcomWaitMs),
      slotsAtOnce: shown.slots,
    });
    if (a.step === "confirm") {
      const doc = visibleByChat.get(a.user)?.find((c) => c.end >= from && c.method === "sendDocument");
      if (doc) {
        results.push({
          user: a.user,
          latencyMs: doc.end - from,
          calcomWaitMs: coveredWithin(calByUser.get(a.user) ?? [], from, doc.end),
        });
      }
    }
  }

  const outgoing = raw.calls.filter((c) => c.visible).map((c) => c.end);
  const first = Math.min(...outgoing);
  const last = Math.max(...outgoing);
  return {
    samples,
    results,
    unmeasured,
    peakOutgoingPerSecond: peakRate(outgoing),
    sustainedOutgoingPerSecond: peakRate(outgoing, 10_000) / 10,
    meanOutgoingPerSecond: outgoing.length > 1 ? (outgoing.length / (last - first)) * 1000 : outgoing.length,
  };
}
