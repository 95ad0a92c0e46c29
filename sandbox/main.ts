/**
 * `npm run sandbox`: the bot working without accounts. Starts the fake Telegram and the fake
 * Cal.com, builds and starts the real bot against them, and serves a page on 127.0.0.1 with the
 * chats of a sponsee, the sponsor and a stranger, and the sponsor's Cal.com.
 *
 *   npm run sandbox [-- --port 8090] [--no-open] [--data ./sandbox-data]
 */
import { spawn } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { BotProcess, build } from "./bot-process.js";
import { CalcomPanel } from "./calcom-panel.js";
import { PEOPLE } from "./people.js";
import { seed } from "./seed.js";
import { TelegramClient } from "./telegram-client.js";
import { SandboxServer } from "./web.js";
import { startWorld, type World } from "./world.js";

const { values: args } = parseArgs({
  options: {
    port: { type: "string", default: "8090" },
    "no-open": { type: "boolean", default: false },
    data: { type: "string", default: "./sandbox-data" },
  },
});

/** The files of the last run go; anything else in the folder stays. */
function freshDataDir(dir: string): string {
  const path = resolve(dir);
  mkdirSync(path, { recursive: true });
  for (const name of ["telecalbot.db", "telecalbot.db-wal", "telecalbot.db-shm", "bot.log"]) {
    rmSync(join(path, name), { force: true });
  }
  return path;
}

/** Opens the page in the desktop's browser, when there is one; silently does nothing otherwise. */
function openBrowser(url: string): void {
  const linuxDesktop = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
  const command =
    process.platform === "darwin"
      ? ["open", url]
      : process.platform === "win32"
        ? ["cmd", "/c", "start", "", url]
        : linuxDesktop
          ? ["xdg-open", url]
          : undefined;
  if (!command) return;
  const child = spawn(command[0] as string, command.slice(1), { stdio: "ignore", detached: true });
  child.on("error", () => {});
  child.unref();
}

/** Builds the bot, starts it, waits for its first long poll and lets the sponsee in. */
async function runBot(bot: BotProcess, world: World, dataDir: string, stopping: () => boolean) {
  const log = join(dataDir, "bot.log");
  try {
    await build();
  } catch (err) {
    bot.fail("the build failed: see the terminal");
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    return;
  }
  if (stopping()) return;
  bot.onUnexpectedExit = (status) =>
    process.stderr.write(`the bot stopped by itself (${status.detail}); its log: ${log}\n`);
  bot.start();
  try {
    await world.tg.waitForPolling({ timeoutMs: 30_000 });
  } catch {
    bot.fail(`the bot did not start polling: see ${log}`);
    process.stderr.write(`the bot did not start: see ${log}\n`);
    return;
  }
  bot.markRunning();
  process.stdout.write("the bot is running\n");
  await seed(world.tg).catch((err: unknown) => {
    process.stderr.write(`the sponsee could not be let in at start-up: ${String(err)}\n`);
  });
}

async function main(): Promise<void> {
  const dataDir = freshDataDir(args.data);
  const world = await startWorld(dataDir);
  const bot = new BotProcess(world.env, dataDir);
  const server = new SandboxServer({
    clients: PEOPLE.map((p) => new TelegramClient(world.tg, p)),
    calendar: new CalcomPanel(world.cal),
    botStatus: () => bot.status,
  });
  const port = await server.listen(Number(args.port));
  const url = `http://127.0.0.1:${port}/`;
  process.stdout.write(`telecalbot sandbox: ${url}\n(bot log and database in ${dataDir}; Ctrl-C stops)\n`);
  if (!args["no-open"]) openBrowser(url);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return void process.stdout.write("still stopping…\n");
    stopping = true;
    process.stdout.write(`\n${signal}: stopping the bot (SIGTERM)…\n`);
    const status = await bot.stop();
    process.stdout.write(`the bot stopped: ${status.detail ?? status.phase}\n`);
    await server.close();
    await world.close();
    process.exit(status.phase === "failed" ? 1 : 0);
  };
  // Not once: a second Ctrl-C while the bot stops must not kill the sandbox before it reports.
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("exit", () => bot.killNow());
  await runBot(bot, world, dataDir, () => stopping);
}

main().catch((err: unknown) => {
  process.stderr.write(`sandbox: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
