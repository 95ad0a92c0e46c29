/**
 * The bot under test, as its own process: `node dist/src/main.js` (what `npm start` runs) with the
 * environment pointing at the fakes. Its memory and CPU come from /proc; its JSON log lines are
 * kept, and the pacing waits it logs (debug "telegram call paced") are collected for the
 * overhead figures.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { createWriteStream, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { createInterface } from "node:readline";

export interface PaceWait {
  /** The chat's log pseudonym (the bot never logs ids); run.ts maps it back to the chat. */
  to: string | undefined;
  waitedMs: number;
  /** Epoch ms when the call was let through. */
  at: number;
}

export interface Usage {
  /** Resident memory now and its peak (VmHWM), MB. */
  rssMb: number;
  peakRssMb: number;
  /** User + system CPU seconds since the process started. */
  cpuSeconds: number;
}

export interface BotProcess {
  pid: number;
  healthPort: number;
  paceWaits: PaceWait[];
  /** Log lines at warn or above (the first few kept in full). */
  warnings: number;
  errors: number;
  firstProblems: string[];
  usage(): Usage | undefined;
  waitHealthy(timeoutMs: number): Promise<void>;
  pollHealth(deadline: number): Promise<void>;
  stop(): Promise<number | null>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

let ticks: number | undefined;
function clockTicks(): number {
  if (ticks === undefined) {
    try {
      ticks = Number(execFileSync("getconf", ["CLK_TCK"]).toString().trim()) || 100;
    } catch {
      ticks = 100;
    }
  }
  return ticks;
}

/** RSS, peak RSS and CPU time of a process from /proc (Linux); undefined elsewhere. */
export function procUsage(pid: number): Usage | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+)`, "m").exec(status)?.[1] ?? 0);
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // Fields 14 and 15 of stat (utime, stime); the slice starts at field 3.
    const cpu = (Number(fields[11]) + Number(fields[12])) / clockTicks();
    return { rssMb: kb("VmRSS") / 1024, peakRssMb: kb("VmHWM") / 1024, cpuSeconds: cpu };
  } catch {
    return undefined;
  }
}

export interface StartBotOptions {
  root: string;
  cwd: string;
  env: Record<string, string>;
  logPath: string;
  cpuProfDir?: string | undefined;
}

export async function startBot(options: StartBotOptions): Promise<BotProcess> {
  const healthPort = await freePort();
  const args = [
    // Extra node flags for experiments (e.g. BENCH_BOT_NODE_ARGS="--trace-gc").
    ...(process.env.BENCH_BOT_NODE_ARGS?.split(" ").filter(Boolean) ?? []),
    ...(options.cpuProfDir ? ["--cpu-prof", `--cpu-prof-dir=${options.cpuProfDir}`] : []),
    join(options.root, "dist", "src", "main.js"),
  ];
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: options.cwd,
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      ...(process.env.BENCH_BOT_MALLOC_ARENA_MAX
        ? { MALLOC_ARENA_MAX: process.env.BENCH_BOT_MALLOC_ARENA_MAX }
        : {}),
      ...options.env,
      HEALTH_PORT: String(healthPort),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error("could not start the bot");
  const log = createWriteStream(options.logPath);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

  const bot: BotProcess = {
    pid,
    healthPort,
    paceWaits: [],
    warnings: 0,
    errors: 0,
    firstProblems: [],
    usage: () => procUsage(pid),
    async waitHealthy(timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      const startup: string[] = [];
      const sampler = setInterval(() => {
        const u = procUsage(pid);
        if (u) startup.push(`${Date.now() % 100000}:${u.rssMb.toFixed(0)}`);
      }, 5);
      try {
        await this.pollHealth(deadline);
      } finally {
        clearInterval(sampler);
        if (process.env.BENCH_RSS_TIMELINE) process.stderr.write(`  start-up RSS MB: ${startup.join(" ")}\n`);
      }
    },
    async pollHealth(deadline: number) {
      let exitCode: number | null | undefined;
      void exited.then((code) => {
        exitCode = code;
      });
      while (Date.now() < deadline) {
        if (exitCode !== undefined)
          throw new Error(`the bot exited with ${exitCode}; see ${options.logPath}`);
        try {
          const res = await fetch(`http://127.0.0.1:${healthPort}/health`);
          if (res.status === 200) return;
        } catch {
          // not listening yet
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error(`the bot did not become healthy in time; see ${options.logPath}`);
    },
    async stop() {
      child.kill("SIGTERM");
      const killer = setTimeout(() => child.kill("SIGKILL"), 15_000);
      const code = await exited;
      clearTimeout(killer);
      await new Promise((resolve) => log.end(resolve));
      return code;
    },
  };

  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  lines.on("line", (line) => {
    log.write(`${line}\n`);
    if (!line.startsWith("{")) return;
    let entry: { level?: number; msg?: string; time?: number; to?: string; waitedMs?: number };
    try {
      entry = JSON.parse(line);
    } catch {
      return;
    }
    if (entry.msg === "telegram call paced" && typeof entry.waitedMs === "number") {
      bot.paceWaits.push({
        to: entry.to,
        waitedMs: entry.waitedMs,
        at: entry.time ?? Date.now(),
      });
    }
    if ((entry.level ?? 0) >= 40) {
      if ((entry.level ?? 0) >= 50) bot.errors++;
      else bot.warnings++;
      if (bot.firstProblems.length < 5) bot.firstProblems.push(line.slice(0, 400));
    }
  });
  child.stderr?.on("data", (d: Buffer) => log.write(d));
  return bot;
}
