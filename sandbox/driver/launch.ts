/**
 * Starts `npm run sandbox`'s program as a child process (for the browser story and the
 * screenshots), waits for the address it prints, and stops it with Ctrl-C's signal.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "../bot-process.js";

export interface RunningSandbox {
  url: string;
  output: () => string;
  /** SIGINT (Ctrl-C); resolves with the sandbox's exit code. */
  stop(): Promise<number | null>;
}

export async function launchSandbox(opts: { timeoutMs?: number } = {}): Promise<RunningSandbox> {
  const dataDir = mkdtempSync(join(tmpdir(), "tcb-sandbox-"));
  const child: ChildProcess = spawn(
    process.execPath,
    ["--import", "tsx", "sandbox/main.ts", "--port", "0", "--no-open", "--data", dataDir],
    { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env } },
  );
  let out = "";
  child.stdout?.on("data", (d) => {
    out += String(d);
  });
  child.stderr?.on("data", (d) => {
    out += String(d);
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the sandbox printed no address in time:\n${out}`)),
      opts.timeoutMs ?? 40_000,
    );
    const look = () => {
      const m = /http:\/\/127\.0\.0\.1:\d+\//.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[0]);
      }
    };
    child.stdout?.on("data", look);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the sandbox exited (${code}) before it printed its address:\n${out}`));
    });
  });
  return {
    url,
    output: () => out,
    stop: async () => {
      child.kill("SIGINT");
      const code = await exited;
      rmSync(dataDir, { recursive: true, force: true });
      return code;
    },
  };
}
