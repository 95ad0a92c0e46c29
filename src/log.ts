import { type Logger, pino } from "pino";

export type { Logger };

/**
 * Paths redacted wherever they appear in a log object. Tokens and keys never reach a log;
 * neither do users' emails (the users are in a fellowship where anonymity matters).
 */
const REDACT_PATHS = [
  "token",
  "*.token",
  "apiKey",
  "*.apiKey",
  "authorization",
  "*.authorization",
  "headers.authorization",
  "*.headers.authorization",
  "email",
  "*.email",
  "attendee.email",
  "*.attendee.email",
  // A GrammyError carries its request (chat id, message text with names and emails).
  "err.payload",
  "*.err.payload",
  "error.payload",
  "config.telegram.token",
  "config.calcom.apiKey",
];

/** Patterns scrubbed from every logged string (messages, error texts, URLs): secrets and emails. */
const SECRET_PATTERNS: RegExp[] = [
  /\b\d{5,}:[A-Za-z0-9_-]{30,}\b/g, // Telegram bot token
  /\bcal_(?:live|test)?_?[A-Za-z0-9_]{8,}\b/g, // Cal.com API key
  /Bearer\s+[A-Za-z0-9._~+/-]+=*/gi,
  // Any email address in a string (an error text from Cal.com may echo the attendee's).
  /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g,
];

/** Removes anything that looks like a token or key from a string. */
export function scrub(text: string, extraSecrets: readonly string[] = []): string {
  let out = text;
  for (const secret of extraSecrets) {
    if (secret.length >= 8) out = out.split(secret).join("[redacted]");
  }
  for (const re of SECRET_PATTERNS) out = out.replace(re, "[redacted]");
  return out;
}

function scrubDeep(value: unknown, secrets: readonly string[], depth = 0): unknown {
  if (typeof value === "string") return scrub(value, secrets);
  if (depth > 6 || value === null || typeof value !== "object") return value;
  if (value instanceof Error) {
    // A GrammyError carries the request's payload (chat id, the message text with names and
    // emails): never log it.
    const { payload: _payload, ...own } = { ...value } as Record<string, unknown>;
    return {
      type: value.name,
      message: scrub(value.message, secrets),
      stack: value.stack ? scrub(value.stack, secrets) : undefined,
      ...(scrubDeep(own, secrets, depth + 1) as object),
    };
  }
  if (Array.isArray(value)) return value.map((v) => scrubDeep(v, secrets, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = scrubDeep(v, secrets, depth + 1);
  return out;
}

export interface LogOptions {
  level: string;
  /** Exact secret values (token, key) to scrub even if they do not match a known pattern. */
  secrets?: readonly string[];
  /** Human-readable output (for `npm run dev`); JSON otherwise. */
  pretty?: boolean;
  destination?: NodeJS.WritableStream;
}

export function createLogger(options: LogOptions): Logger {
  const secrets = options.secrets ?? [];
  const opts = {
    level: options.level,
    redact: { paths: REDACT_PATHS, censor: "[redacted]" },
    base: undefined,
    formatters: {
      log: (obj: Record<string, unknown>) => scrubDeep(obj, secrets) as Record<string, unknown>,
    },
    hooks: {
      logMethod(this: Logger, args: unknown[], method: (...a: unknown[]) => void) {
        method.apply(
          this,
          args.map((a) => (typeof a === "string" ? scrub(a, secrets) : a)),
        );
      },
    },
  };
  if (options.pretty) {
    return pino({ ...opts, transport: { target: "pino-pretty", options: { colorize: true } } });
  }
  return options.destination ? pino(opts, options.destination as pino.DestinationStream) : pino(opts);
}
