import "./memory.js";
import "dotenv/config";
import { startApp } from "./app.js";
import { ConfigError, parseConfig } from "./config.js";
import { createLogger } from "./log.js";

/** Process entry for `npm start`: config → app → signals. */
async function main(): Promise<void> {
  let config: ReturnType<typeof parseConfig>;
  try {
    config = parseConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`telecalbot: invalid configuration: ${err.problems.join("; ")}\n`);
      process.exit(1);
    }
    throw err;
  }

  const log = createLogger({
    level: config.logLevel,
    secrets: [config.telegram.token, config.calcom.apiKey],
    pretty: process.argv.includes("--pretty-logs"),
  });

  process.on("unhandledRejection", (err) => log.error({ err }, "unhandled promise rejection"));

  let app: Awaited<ReturnType<typeof startApp>>;
  try {
    app = await startApp({ config, log });
  } catch (err) {
    log.fatal({ err }, "could not start");
    process.exit(1);
  }

  let exiting = false;
  const shutdown = (signal: string, code: number) => {
    if (exiting) return;
    exiting = true;
    log.info({ signal }, "shutting down");
    // fly.io's kill_timeout is longer; the spec promises an exit within 10 s.
    setTimeout(() => {
      log.warn("shutdown deadline reached; exiting");
      process.exit(code);
    }, 9_500).unref();
    app.stop(7_000).then(
      () => process.exit(code),
      (err: unknown) => {
        log.error({ err }, "error while stopping");
        process.exit(code);
      },
    );
  };
  process.once("SIGTERM", () => shutdown("SIGTERM", 0));
  process.once("SIGINT", () => shutdown("SIGINT", 0));
  app.failed.then((err) => {
    log.fatal({ err }, "polling stopped: check the bot token and that only one instance runs");
    shutdown("polling-failed", 1);
  });
}

void main();
