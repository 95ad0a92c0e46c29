/**
 * What a Telegram app does for one person, over the fake Telegram's client side (FakeUser): the
 * chat with the bot as it is now, the command menu, the answers to button taps; sending text,
 * tapping buttons, switching the app's language. The page reaches the bot only through this.
 */
import type { FakeTelegram } from "../fakes/telegram/index.js";
import type { Entity } from "../fakes/telegram/types.js";
import type { FakeUser } from "../fakes/telegram/users.js";
import type { MessageView } from "../fakes/telegram/views.js";
import type { Language, Person } from "./people.js";

export interface ButtonOut {
  text: string;
  data?: string;
  url?: string;
}

export interface MessageOut {
  id: number;
  fromBot: boolean;
  kind: string;
  text: string;
  entities: Entity[];
  rows: ButtonOut[][];
  document?: { name: string; size: number; href: string };
  /** How many times the bot edited it (shown as "edited"). */
  edits: number;
  date: number;
  seq: number;
}

export interface TapOut {
  queryId: string;
  messageId: number;
  data: string;
  answer?: { text?: string; alert: boolean; url?: string };
}

export interface ChatOut {
  key: string;
  id: number;
  name: string;
  username: string;
  language: Language;
  messages: MessageOut[];
  menu: Array<{ command: string; description: string }>;
  taps: TapOut[];
}

const SHOWN_MESSAGES = 300;
const KEPT_TAPS = 30;

function rowsOf(m: MessageView): ButtonOut[][] {
  const rows: ButtonOut[][] = [];
  for (const b of m.buttons) {
    const out: ButtonOut = { text: b.text };
    if (b.callback_data !== undefined) out.data = b.callback_data;
    if (b.url !== undefined) out.url = b.url;
    const row = rows[b.row] ?? [];
    row.push(out);
    rows[b.row] = row;
  }
  return rows.filter(Boolean);
}

export function messageOut(key: string, m: MessageView): MessageOut {
  const out: MessageOut = {
    id: m.message_id,
    fromBot: m.fromBot,
    kind: m.kind,
    text: m.text,
    entities: m.entities,
    rows: rowsOf(m),
    edits: m.edits.length,
    date: m.date,
    seq: m.seq,
  };
  if (m.document) {
    out.document = {
      name: m.document.file_name ?? "file",
      size: m.document.size,
      href: `/api/file/${key}/${m.message_id}`,
    };
  }
  return out;
}

/** One person's Telegram app. */
export class TelegramClient {
  private readonly taps: Array<Omit<TapOut, "answer">> = [];

  constructor(
    private readonly tg: FakeTelegram,
    readonly person: Person,
  ) {}

  private get user(): FakeUser {
    return this.tg.user(this.person.id);
  }

  get language(): Language {
    return this.user.user.language_code === "en" ? "en" : "ru";
  }

  /**
   * The menu Telegram shows in a private chat: the first non-empty list among the chat's scope,
   * all private chats, default — each in the app's language first, then without one
   * (core.telegram.org/bots/features#command-scopes).
   */
  menu(): Array<{ command: string; description: string }> {
    for (const scope of [`chat:${this.person.id}`, "all_private_chats", "default"]) {
      for (const lang of [this.language, ""]) {
        const list = this.tg.commands(scope, lang);
        if (list.length > 0) return list;
      }
    }
    return [];
  }

  view(): ChatOut {
    const user = this.user;
    const key = this.person.key;
    return {
      key,
      id: this.person.id,
      name: this.person.first_name,
      username: this.person.username,
      language: this.language,
      messages: user
        .messages({ includeUser: true })
        .slice(-SHOWN_MESSAGES)
        .map((m) => messageOut(key, m)),
      menu: this.menu(),
      taps: this.taps.map((t) => {
        const a = user.callbackAnswer(t.queryId);
        if (!a) return t;
        const answer: TapOut["answer"] = { alert: a.show_alert };
        if (a.text !== undefined) answer.text = a.text;
        if (a.url !== undefined) answer.url = a.url;
        return { ...t, answer };
      }),
    };
  }

  send(text: string): void {
    this.user.send(text);
  }

  /** Taps a button on one of the bot's messages; throws when the message no longer has it. */
  tap(messageId: number, data: string): string {
    const queryId = this.user.tap(messageId, data);
    this.taps.push({ queryId, messageId, data });
    if (this.taps.length > KEPT_TAPS) this.taps.shift();
    return queryId;
  }

  /** Opens a t.me link to the bot (an invitation): `/start <payload>`, as Telegram's app does. */
  openLink(url: string): void {
    this.user.openDeepLink(url);
  }

  /** The app's language (Telegram sends it as language_code with every update). */
  setLanguage(language: Language): void {
    const p = this.person;
    this.tg.user(p.id, { first_name: p.first_name, username: p.username, language_code: language });
  }

  /** A document the bot sent: its name, type and bytes. */
  file(messageId: number): { name: string; mime: string; bytes: Buffer } | undefined {
    const doc = this.user.message(messageId)?.document;
    if (!doc) return undefined;
    return {
      name: doc.file_name ?? "file",
      mime: doc.mime_type ?? "application/octet-stream",
      bytes: doc.bytes,
    };
  }
}
