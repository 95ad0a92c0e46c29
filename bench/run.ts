/**
 * `npm run bench`: the real bot (`node dist/src/main.js`) in its own process, the fake Telegram and
 * fake Cal.com (fakes) with the simulated people in another, all on 127.0.0.1; one fresh
 * pair of processes and database per scenario. Prints a table per scenario, the targets, and one
 * JSON line. See docs/BENCHMARKS.md.
 */
import { type ChildProcess, fork } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { cpus, freemem, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { migrate } from "../src/db/migrate.js";
import { openDatabase } from "../src/db/open.js";
import { UsersRepo } from "../src/db/users.js";
import { Pseudonyms } from "../src/members/pseudonym.js";
import { analyze } from "./analyze.js";
import { type BotProcess, startBot, type Usage } from "./bot.js";
import { summarizeProfile } from "./profile.js";
import {
  ADMIN_ID,
  type Endpoints,
  FLOODER_ID,
  type FromServers,
  type RawResult,
  type ScenarioSpec,
  type ServersOptions,
  type ToServers,
  userProfile,
  WARMUP_ID,
} from "./protocol.js";
import {
  checkTargets,
  largestCrowd,
  largestCrowdWithinSolo,
  type ScenarioReport,
  summarize,
  table,
} from "./report.js";
import { runSyncScenario, type SyncBenchReport, syncTable } from "./sync.js";

const ROOT = join(import.meta.dirname, "..");
const TTL_SECONDS = 300;
const TELEGRAM = { perChatPerSecond: 5, globalPerSecond: 30 };

const { values: args } = parseArgs({
  options: {
    scenarios: { type: "string", default: "solo,crowd,surge,flood,sync-50,sync-500" },
    users: { type: "string" },
    "surge-users": { type: "string" },
    "flood-users": { type: "string" },
    "flood-messages": { type: "string", default: "500" },
    think: { type: "string" },
    ladder: { type: "string" },
    "calcom-latency": { type: "string", default: "300" },
    seed: { type: "string", default: "1" },
    quick: { type: "boolean", default: false },
    "cpu-prof": { type: "boolean", default: false },
    keep: { type: "boolean", default: false },
    help: { type: "boolean", default: false },
  },
});

if (args.help) {
  process.stdout.write(`npm run bench -- [options]
  --scenarios solo,crowd,surge,flood,sync-50,sync-500   which to run (default all; crowd-<N> runs a
                       crowd of N, sync-<N> the Cal.com sync over N upcoming bookings)
  --users N            people in "crowd" (default 50; --quick 20)
  --surge-users N      people in "surge" (default 200; --quick 60)
  --flood-users N      people booking during "flood" (default 20; --quick 8)
  --flood-messages N   messages the flooder sends (default 500)
  --think S            think time in seconds before each action (default 2; --quick 1.5)
  --ladder N,N         extra crowd sizes for the largest-N searches (default 25,100; --quick none)
  --calcom-latency MS  fake Cal.com's answer time (default 300)
  --seed N             repeat a run's random choices (default 1)
  --quick              a fast check: smaller N, shorter think time
  --cpu-prof           profile the bot (node --cpu-prof) and print where its CPU went
  --keep               keep each scenario's folder (database, bot log, profile)
`);
  process.exit(0);
}

const quick = args.quick === true;
const thinkMs = Math.round(Number(args.think ?? (quick ? 1.5 : 2)) * 1000);
const num = (v: string | undefined, fallback: number) => (v === undefined ? fallback : Number(v));
const crowdN = num(args.users, quick ? 20 : 50);
const surgeN = num(args["surge-users"], quick ? 60 : 200);
const floodN = num(args["flood-users"], quick ? 8 : 20);
const ladder = (args.ladder ?? (quick ? "" : "25,100"))
  .split(",")
  .filter(Boolean)
  .map(Number)
  .filter((n) => n > 0 && n !== crowdN && n !== surgeN);
const seed = Number(args.seed);
const servers: ServersOptions = { calcomLatencyMs: Number(args["calcom-latency"]), telegramFlood: TELEGRAM };

function specFor(name: string): ScenarioSpec {
  const base = {
    name,
    thinkMs,
    spreadMs: thinkMs,
    seed,
    replyTimeoutMs: 300_000,
    flood: undefined,
    flowsPerUser: 1,
  };
  if (name === "solo") return { ...base, users: 1, spreadMs: 0, flowsPerUser: 3 };
  if (name === "crowd") return { ...base, users: crowdN };
  if (name === "surge") return { ...base, users: surgeN };
  if (name === "flood") {
    return {
      ...base,
      users: floodN,
      flood: { messages: Number(args["flood-messages"]), startMs: thinkMs / 2 },
    };
  }
  const n = /^crowd-(\d+)$/.exec(name)?.[1];
  if (n) return { ...base, users: Number(n) };
  throw new Error(`unknown scenario ${name}`);
}

/** The users table as the admin's /approve leaves it (pre-seeded: setup, not measured). */
function seedDatabase(path: string, spec: ScenarioSpec): void {
  const db = openDatabase(path);
  migrate(db);
  const users = new UsersRepo(db);
  const at = new Date().toISOString();
  for (let i = 0; i < spec.users; i++) users.approve(userProfile(i), ADMIN_ID, at);
  if (spec.flood) users.approve({ id: FLOODER_ID, first_name: "Flooder" }, ADMIN_ID, at);
  users.approve({ id: WARMUP_ID, first_name: "Warm Up" }, ADMIN_ID, at);
  db.close();
}

function bookingsInDb(path: string): number | undefined {
  try {
    const db = new Database(path, { readonly: true });
    const row = db
      .prepare("SELECT COUNT(*) AS n FROM bookings WHERE status = 'accepted' AND telegram_id != ?")
      .get(WARMUP_ID) as { n: number };
    db.close();
    return row.n;
  } catch {
    return undefined;
  }
}

class Servers {
  private readonly child: ChildProcess;
  private readonly waiting: Array<(m: FromServers) => boolean> = [];
  constructor() {
    this.child = fork(join(import.meta.dirname, "servers.ts"), [], { stdio: "inherit" });
    this.child.on("message", (m: FromServers) => {
      if (m.type === "progress") {
        process.stderr.write(`  … ${m.done}/${m.total} booked\n`);
        return;
      }
      const i = this.waiting.findIndex((w) => w(m));
      if (i >= 0) this.waiting.splice(i, 1);
    });
  }
  ask<T extends FromServers["type"]>(msg: ToServers, reply: T): Promise<Extract<FromServers, { type: T }>> {
    return new Promise((resolve, reject) => {
      this.waiting.push((m) => {
        if (m.type === "error") reject(new Error(`servers: ${m.message}`));
        else if (m.type === reply) resolve(m as Extract<FromServers, { type: T }>);
        else return false;
        return true;
      });
      this.child.send(msg);
    });
  }
  async close(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once("exit", resolve));
    this.child.send({ type: "stop" } satisfies ToServers);
    const timer = setTimeout(() => this.child.kill("SIGKILL"), 5000);
    await exited;
    clearTimeout(timer);
  }
}

/** The bot logs chats by pseudonym (HMAC of the id under its token): back to the chats of the run. */
function chatsByPseudonym(token: string, result: RawResult): (pseudonym: string) => number | undefined {
  const pseudonyms = new Pseudonyms(token);
  const byPseudonym = new Map<string, number>();
  for (const c of result.calls)
    if (c.chatId !== undefined) byPseudonym.set(pseudonyms.of(c.chatId), c.chatId);
  return (p) => byPseudonym.get(p);
}

function botEnv(e: Endpoints, dbPath: string): Record<string, string> {
  return {
    TELEGRAM_BOT_TOKEN: e.telegramToken,
    TELEGRAM_API_ROOT: e.telegramApiRoot,
    ADMIN_TELEGRAM_ID: String(ADMIN_ID),
    CALCOM_API_KEY: e.calcomApiKey,
    CALCOM_API_URL: e.calcomUrl,
    CALCOM_EVENT_TYPE_ID: String(e.calcomEventTypeId),
    CALCOM_FALLBACK_EMAIL: "sponsor@yandex.ru",
    DATABASE_PATH: dbPath,
    // debug: the bot logs each call its pacing held back, which the overhead figures subtract.
    LOG_LEVEL: "debug",
    BOOKING_WINDOW_DAYS: "21",
    AVAILABILITY_CACHE_TTL_SECONDS: String(TTL_SECONDS),
  };
}

async function runScenario(name: string): Promise<ScenarioReport> {
  const spec = specFor(name);
  const dir = mkdtempSync(join(tmpdir(), `telecalbot-bench-${name}-`));
  const dbPath = join(dir, "bot.db");
  seedDatabase(dbPath, spec);
  const profDir = args["cpu-prof"] ? join(dir, "profile") : undefined;
  if (profDir) mkdirSync(profDir);
  const fakes = new Servers();
  let bot: BotProcess | undefined;
  try {
    const { endpoints } = await fakes.ask({ type: "start", options: servers }, "ready");
    bot = await startBot({
      root: ROOT,
      cwd: dir,
      env: botEnv(endpoints, dbPath),
      logPath: join(dir, "bot.log"),
      cpuProfDir: profDir,
    });
    await bot.waitHealthy(30_000);
    await fakes.ask({ type: "admin" }, "admin-ready");
    const start: Usage | undefined = bot.usage();
    const sampled = bot;
    const timeline: number[] = [];
    const sampler = setInterval(() => {
      const u = sampled.usage();
      if (u) timeline.push(u.rssMb);
    }, 250);
    const { result }: { result: RawResult } = await fakes.ask({ type: "run", spec }, "result");
    clearInterval(sampler);
    const end = bot.usage();
    if (args.keep) writeFileSync(join(dir, "raw.json"), JSON.stringify({ result, paceWaits: bot.paceWaits }));
    if (process.env.BENCH_RSS_TIMELINE)
      process.stderr.write(`  RSS MB: ${timeline.map((x) => x.toFixed(0)).join(" ")}\n`);
    const running = bot;
    bot = undefined;
    await running.stop();
    const report = summarize(
      result,
      analyze(result, running.paceWaits, chatsByPseudonym(endpoints.telegramToken, result)),
      {
        start,
        end,
        warnings: running.warnings,
        errors: running.errors,
        dbBookings: bookingsInDb(dbPath),
      },
      TTL_SECONDS,
    );
    process.stdout.write(`${table(report)}\n`);
    if (running.firstProblems.length > 0) {
      process.stdout.write(`  first log warnings/errors:\n    ${running.firstProblems.join("\n    ")}\n`);
    }
    if (profDir) {
      for (const f of readdirSync(profDir)) process.stdout.write(`${summarizeProfile(join(profDir, f))}\n`);
    }
    process.stdout.write(
      `  (bot log: ${join(dir, "bot.log")}${args.keep ? "" : ", removed at the end"})\n\n`,
    );
    return report;
  } finally {
    await bot?.stop();
    await fakes.close();
    if (!args.keep && !profDir) rmSync(dir, { recursive: true, force: true });
  }
}

const names = args.scenarios.split(",").filter(Boolean);
for (const n of ladder) if (!names.includes(`crowd-${n}`)) names.push(`crowd-${n}`);

const machine = {
  cpus: cpus().length,
  cpuModel: cpus()[0]?.model ?? "?",
  memoryGb: Math.round(totalmem() / 1e9),
  freeMemoryGb: Math.round(freemem() / 1e9),
  node: process.version,
};
const startedAt = new Date();
process.stdout.write(
  `telecalbot bench — ${startedAt.toISOString()} — ${machine.cpus} CPUs (${machine.cpuModel}), ${machine.memoryGb} GB, Node ${machine.node}\n` +
    `think ${thinkMs / 1000} s, Cal.com latency ${servers.calcomLatencyMs} ms, fake Telegram limits ${TELEGRAM.globalPerSecond}/s overall and ${TELEGRAM.perChatPerSecond}/s per chat, seed ${seed}\n\n`,
);

const reports: ScenarioReport[] = [];
const syncReports: SyncBenchReport[] = [];
for (const name of names) {
  process.stderr.write(`running ${name}…\n`);
  const syncN = /^sync-(\d+)$/.exec(name)?.[1];
  if (syncN) {
    const r = await runSyncScenario(Number(syncN), { calcomLatencyMs: servers.calcomLatencyMs });
    process.stdout.write(`${syncTable(r)}\n\n`);
    syncReports.push(r);
  } else {
    reports.push(await runScenario(name));
  }
}

const targets = checkTargets(reports, TELEGRAM.globalPerSecond);
const largest = largestCrowd(reports);
for (const r of syncReports) {
  targets.push({
    target: `${r.name}: the sync leaves at least 80 % of the Cal.com budget to sponsees`,
    ok: r.budgetShare <= 0.2,
    detail: `${r.requestsPerMinute.toFixed(2)} requests/min = ${(r.budgetShare * 100).toFixed(1)} %`,
  });
}
process.stdout.write("targets:\n");
for (const t of targets) process.stdout.write(`  ${t.ok ? "✓" : "✗"} ${t.target}: ${t.detail}\n`);
process.stdout.write(
  `  largest crowd with overhead p95 < 50 ms: ${largest.n === undefined ? "none tested" : `N = ${largest.n}`} (tested ${largest.tested || "none"})\n`,
);
const withinSolo = largestCrowdWithinSolo(reports);
process.stdout.write(
  `  largest crowd with every step's p95 within 1.2 × solo: ${withinSolo === undefined ? "none tested" : `N = ${withinSolo}`}\n`,
);
process.stdout.write(
  `${JSON.stringify({
    bench: "telecalbot",
    date: startedAt.toISOString(),
    machine,
    options: { thinkMs, calcomLatencyMs: servers.calcomLatencyMs, seed, quick },
    scenarios: reports,
    sync: syncReports,
    targets,
    largestCrowdUnder50ms: largest.n ?? null,
    largestCrowdWithinSolo: withinSolo ?? null,
  })}\n`,
);
process.exit(0);
