/**
 * The real bot as `npm start` runs it: `npm run build`, then `node dist/src/main.js` in its own
 * process, stopped with SIGTERM. Its log goes to a file in the data folder.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createWriteStream } from "node:fs";
import { join } from "node:path";

export const ROOT = join(import.meta.dirname, "..");

export type BotPhase = "building" | "starting" | "running" | "stopped" | "failed";

export interface BotStatus {
  phase: BotPhase;
  /** Why it failed or how it stopped (exit code / signal), for the page's banner. */
  detail?: string;
}

/** Runs `npm run build`; resolves when it succeeded, rejects with its output otherwise. */
export function build(): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn("npm", ["run", "--silent", "build"], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (d) => {
      out += String(d);
    });
    child.stderr.on("data", (d) => {
      out += String(d);
    });
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`the build failed:\n${out}`))));
  });
}

export class BotProcess {
  status: BotStatus = { phase: "building" };
  private child: ChildProcess | undefined;
  private exitedPromise: Promise<void> = Promise.resolve();
  private stopping = false;
  /** Called when the bot exits without being asked to (a crash, a bad token…). */
  onUnexpectedExit: (status: BotStatus) => void = () => {};

  constructor(
    private readonly env: Record<string, string>,
    private readonly dataDir: string,
  ) {}

  /** Starts `node dist/src/main.js` in the data folder (so a real `.env` is never read). */
  start(): void {
    const log = createWriteStream(join(this.dataDir, "bot.log"), { flags: "a" });
    // Its own process group: Ctrl-C in the terminal reaches the sandbox only, which sends SIGTERM.
    const child = spawn(process.execPath, [join(ROOT, "dist/src/main.js")], {
      cwd: this.dataDir,
      env: this.env,
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    this.child = child;
    this.status = { phase: "starting" };
    child.stdout?.pipe(log, { end: false });
    child.stderr?.pipe(log, { end: false });
    this.exitedPromise = new Promise((resolve) => {
      child.on("exit", (code, signal) => {
        const how = signal ? `signal ${signal}` : `exit code ${code}`;
        this.status = { phase: code === 0 ? "stopped" : "failed", detail: how };
        this.child = undefined;
        log.end();
        if (!this.stopping) this.onUnexpectedExit(this.status);
        resolve();
      });
    });
  }

  /** The bot polls: the fake Telegram sees its getUpdates. */
  markRunning(): void {
    if (this.status.phase === "starting") this.status = { phase: "running" };
  }

  fail(detail: string): void {
    this.status = { phase: "failed", detail };
  }

  /** SIGTERM, as the platform stops it; resolves with how it exited. */
  async stop(): Promise<BotStatus> {
    this.stopping = true;
    this.child?.kill("SIGTERM");
    await this.exitedPromise;
    return this.status;
  }

  /** Last resort when the sandbox itself dies: the bot must not outlive it. */
  killNow(): void {
    this.child?.kill("SIGTERM");
  }
}
