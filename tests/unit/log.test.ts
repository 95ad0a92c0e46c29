import { Writable } from "node:stream";
import { GrammyError } from "grammy";
import { describe, expect, it } from "vitest";
import { createLogger } from "../../src/log.js";

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, cb) {
      lines.push(String(chunk));
      cb();
    },
  });
  return { lines, destination };
}

const TOKEN = "123456789:AAHfJ2kdLq9_wXyZ-abcdefghijklmnopqrs";
const KEY = "cal_live_0123456789abcdef0123456789abcdef";

describe("logs never carry secrets", () => {
  it("tokens, keys and emails are redacted in fields, nested objects, messages and errors", () => {
    const { lines, destination } = capture();
    const log = createLogger({ level: "info", secrets: [TOKEN, KEY], destination });
    log.info(
      { token: TOKEN, config: { calcom: { apiKey: KEY } }, attendee: { email: "anon@example.org" } },
      "x",
    );
    log.info(`calling https://api.telegram.org/bot${TOKEN}/getMe`);
    log.error({ err: new Error(`request failed with Authorization: Bearer ${KEY}`) }, "failed");
    log.warn(
      { url: `http://127.0.0.1/bot${TOKEN}/sendMessage`, nested: { deeper: [`key=${KEY}`] } },
      "nested",
    );
    const all = lines.join("\n");
    expect(lines).toHaveLength(4);
    expect(all).not.toContain(TOKEN);
    expect(all).not.toContain(KEY);
    expect(all).not.toContain("AAHfJ2kdLq9");
    expect(all).not.toContain("anon@example.org");
    expect(all).toContain("[redacted]");
  });

  it("a failed Telegram call is logged without the message it tried to send", () => {
    const { lines, destination } = capture();
    const log = createLogger({ level: "info", destination });
    const err = new GrammyError(
      "Call to 'sendMessage' failed!",
      { ok: false, error_code: 400, description: "Bad Request: chat not found" },
      "sendMessage",
      { chat_id: 424242, text: "Name: Anna Secretova, anna@mail.ru" },
    );
    log.error({ err }, "could not message user");
    const all = lines.join("");
    expect(all).toContain("chat not found");
    expect(all).not.toContain("Secretova");
    expect(all).not.toContain("anna@mail.ru");
    expect(all).not.toContain("424242");
  });

  it("an email inside any string (an error text, a message) is scrubbed", () => {
    const { lines, destination } = capture();
    const log = createLogger({ level: "info", destination });
    log.warn({ apiMessage: "attendee anna.k+1@mail.ru already booked" }, "Cal.com said anna.k+1@mail.ru");
    const all = lines.join("");
    expect(all).not.toContain("anna.k");
    expect(all).toContain("already booked");
  });

  it("a secret that matches no known pattern is still scrubbed when named", () => {
    const { lines, destination } = capture();
    const odd = "weird-secret-value-123";
    const log = createLogger({ level: "info", secrets: [odd], destination });
    log.info({ detail: `the value ${odd} leaked` }, `and again ${odd}`);
    expect(lines.join("")).not.toContain(odd);
  });
});
