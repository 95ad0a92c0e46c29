/**
 * A fake Telegram Bot API server for tests: grammY talks to it exactly as to api.telegram.org
 * (`new Bot(token, { client: { apiRoot: fake.apiRoot } })`). See README.md in this folder.
 */
import type { Update, User } from "grammy/types";
import { waitFor } from "../support/wait.js";
import type { Fault } from "./errors.js";
import { FloodControl, type FloodOptions } from "./flood.js";
import { checkGroupId, FakeGroup, type GroupInit } from "./groups.js";
import { FakeHttpServer } from "./server.js";
import { type CallRecord, Clock, State } from "./state.js";
import type { JsonObject, TgUser } from "./types.js";
import { type ConflictMode, type QueuedUpdate, UpdateQueue } from "./updates.js";
import { FakeUser, type UserInit } from "./users.js";
import { dumpChat, type MessageView, viewOf } from "./views.js";

export { Descriptions, type Fault, Faults, TelegramApiError } from "./errors.js";
export type { FloodOptions } from "./flood.js";
export { FakeGroup, type GroupInit } from "./groups.js";
export type { CallbackAnswer, CallRecord } from "./state.js";
export type { QueuedUpdate } from "./updates.js";
export {
  type ChatTarget,
  FakeUser,
  type IncomingMessage,
  type MessagePredicate,
  type UserInit,
  type WaitMessageOptions,
} from "./users.js";
export type { ButtonView, DocumentView, MessageView } from "./views.js";

export interface FakeTelegramOptions {
  /** Bot token (default `<botId>:AAH…`). Requests with another token get 401 Unauthorized. */
  token?: string;
  /** Bot user id (default: the number before ':' in the token, else 7000000001). */
  botId?: number;
  botUsername?: string;
  botFirstName?: string;
  /** Flood control (429 with retry_after). Off by default; `{}` turns it on with Telegram-like limits. */
  flood?: FloodOptions | false;
  /** First update_id handed out (default 100000). */
  firstUpdateId?: number;
  /** Who gets the 409 when two long polls overlap: the older one (Telegram, default) or the new one. */
  conflictMode?: ConflictMode;
  /** How long a callback query can be answered (default 15 s of fake time). */
  callbackQueryTtlMs?: number;
  /** Bot messages older than this can't be edited (default 48 h of fake time). */
  editWindowHours?: number;
  /** Base clock (ms); advanceTime() shifts it. Default Date.now. */
  now?: () => number;
  /**
   * Privacy mode in groups (@BotFather /setprivacy), default true like Telegram: the bot gets only
   * commands meant for it, replies to its messages and service messages. getMe reports
   * can_read_all_group_messages = !groupPrivacy. Bots that are group admins get everything anyway.
   */
  groupPrivacy?: boolean;
}

export interface WaitOptions {
  timeoutMs?: number;
}

export class FakeTelegram {
  /** e.g. "http://127.0.0.1:40123" — pass as grammY's `client.apiRoot` (no trailing slash). */
  readonly apiRoot: string;
  readonly token: string;
  readonly port: number;
  /** The bot's own User (what getMe returns, minus the capability flags). */
  readonly bot: User;
  /** Every API call, in arrival order (live array). */
  readonly calls: readonly CallRecord[];

  private readonly handles = new Map<number, FakeUser>();
  private readonly groupHandles = new Map<number, FakeGroup>();
  private groupCounter = 0;

  /** @internal use startFakeTelegram() */
  constructor(
    private readonly state: State,
    private readonly http: FakeHttpServer,
    port: number,
    token: string,
  ) {
    this.port = port;
    this.apiRoot = `http://127.0.0.1:${port}`;
    this.token = token;
    this.bot = state.bot as User;
    this.calls = state.calls;
  }

  /** Stops the server: waiting long polls get [], open connections are closed. */
  async close(): Promise<void> {
    await this.http.close();
  }

  // ---------------------------------------------------------- users

  /**
   * Creates the user on first call (with `init`), returns the same handle afterwards (updating the
   * profile when `init` is given).
   */
  user(id: number, init?: UserInit): FakeUser {
    const existing = this.state.users.get(id);
    if (!existing || init) {
      const base: UserInit = init ?? { first_name: `User${id}` };
      const user: TgUser = { id, is_bot: false, first_name: base.first_name };
      if (base.last_name) user.last_name = base.last_name;
      if (base.username) user.username = base.username;
      if (base.language_code) user.language_code = base.language_code;
      if (base.is_premium) user.is_premium = true;
      this.state.addUser(user, base.started ?? false);
    }
    let handle = this.handles.get(id);
    if (!handle) {
      const created = new FakeUser(this.state, id);
      created.privateHandle = () => created;
      handle = created;
      this.handles.set(id, handle);
    }
    return handle;
  }

  users(): FakeUser[] {
    return [...this.state.users.keys()].map((id) => this.user(id));
  }

  // ---------------------------------------------------------- groups

  /**
   * A group or supergroup (default) the bot is a member of, created on first call; later calls with
   * the same id return the same handle. Without an id, a fresh one of the right form is picked
   * (-4000000001… for groups, -1002000000001… for supergroups). Members are created as users when
   * unknown. Users act there with `user.in(group)` / `group.as(user)`.
   */
  group(idOrInit?: number | GroupInit, init: GroupInit = {}): FakeGroup {
    const opts = typeof idOrInit === "object" ? idOrInit : init;
    const type = opts.type ?? "supergroup";
    let id = typeof idOrInit === "number" ? idOrInit : undefined;
    if (id !== undefined && this.groupHandles.has(id)) return this.groupHandles.get(id) as FakeGroup;
    if (id === undefined) {
      do {
        this.groupCounter++;
        id =
          type === "group" ? -(4_000_000_000 + this.groupCounter) : -(1_002_000_000_000 + this.groupCounter);
      } while (this.state.chats.has(id));
    }
    checkGroupId(id, type);
    const members = (opts.members ?? []).map((m) => (typeof m === "number" ? this.user(m).id : m.id));
    const groupInit: Parameters<State["addGroup"]>[0] = {
      id,
      type,
      title: opts.title ?? `Test ${type === "group" ? "Group" : "Supergroup"} ${-id}`,
      members,
      botStatus: opts.botStatus ?? "member",
    };
    if (opts.username !== undefined) {
      if (type !== "supergroup") throw new Error("fake Telegram: only supergroups have usernames");
      groupInit.username = opts.username.replace(/^@/, "");
    }
    this.state.addGroup(groupInit);
    const handle = new FakeGroup(this.state, id, (uid) => this.user(uid));
    this.groupHandles.set(id, handle);
    return handle;
  }

  groups(): FakeGroup[] {
    return [...this.groupHandles.values()];
  }

  /** Group messages the bot never got (privacy mode, or the bot is not in the group), as updates. */
  withheldGroupMessages(): readonly JsonObject[] {
    return this.state.withheldByPrivacy;
  }

  /** The user blocks the bot: sends to them get 403 "Forbidden: bot was blocked by the user". */
  blockBy(userId: number, opts: { notify?: boolean } = {}): void {
    this.user(userId).block(opts);
  }

  unblockBy(userId: number, opts: { notify?: boolean } = {}): void {
    this.user(userId).unblock(opts);
  }

  // ---------------------------------------------------------- updates

  /**
   * Queues a raw update exactly as given (no validation, no allowed_updates filtering) — forged or
   * junk input. `update_id` is assigned unless present. Returns the update_id.
   */
  pushUpdate(update: Partial<Update> | JsonObject): number {
    return this.state.updates.push(update as JsonObject, { bypassFilter: true }) as number;
  }

  /** Updates not yet confirmed by the bot (delivered or not). */
  pendingUpdates(): Update[] {
    return this.state.updates.pending().map((u) => u.update as unknown as Update);
  }

  /** Every id below this has been confirmed through getUpdates' offset. */
  confirmedOffset(): number {
    return this.state.updates.confirmedOffset();
  }

  /** Every update ever queued, with delivery counts and confirmation times. */
  updateLog(): readonly QueuedUpdate[] {
    return this.state.updates.log;
  }

  /** Updates created while their kind was excluded by allowed_updates (Telegram drops them). */
  droppedUpdates(): readonly JsonObject[] {
    return this.state.updates.dropped;
  }

  /** Next update ids jump ahead by `delta` (as Telegram may do after a quiet week). */
  jumpUpdateIds(delta: number): void {
    this.state.updates.jump(delta);
  }

  /** Is a getUpdates long poll waiting right now? */
  isPolling(): boolean {
    return this.state.updates.isPolling();
  }

  /** Resolves once a long poll is waiting (the bot is up and idle). */
  async waitForPolling(opts: WaitOptions = {}): Promise<void> {
    await waitFor(() => this.isPolling(), { ...opts, description: "a getUpdates long poll to be waiting" });
  }

  /** Resolves once every queued update has been confirmed (offset moved past it). */
  async waitForUpdatesConfirmed(opts: WaitOptions = {}): Promise<void> {
    await waitFor(() => this.state.updates.pending().length === 0, {
      ...opts,
      description: "all updates to be confirmed",
      dump: () =>
        `pending: ${JSON.stringify(this.state.updates.pending().map((u) => `${u.update_id}:${u.type}`))}`,
    });
  }

  // ---------------------------------------------------------- faults

  /**
   * The next `times` calls of `method` ("*" = any) matching `predicate` fail with `fault` (see
   * Faults for 429/500/502/network presets), before any validation.
   */
  failNext(
    method: string,
    fault: Fault,
    times = 1,
    predicate?: (params: Record<string, unknown>) => boolean,
  ): void {
    this.state.faults.push(
      predicate ? { method, fault, remaining: times, predicate } : { method, fault, remaining: times },
    );
  }

  clearFaults(): void {
    this.state.faults.length = 0;
  }

  /** Adds `ms` of latency to the next `times` calls of `method` ("*" = any); default: all of them. */
  delay(method: string, ms: number, times = Number.POSITIVE_INFINITY): void {
    this.state.delays.push({ method, ms, remaining: times });
  }

  clearDelays(): void {
    this.state.delays.length = 0;
  }

  // ---------------------------------------------------------- time

  /** The fake's clock (ms since epoch). */
  now(): number {
    return this.state.clock.now();
  }

  /** Moves the fake's clock forward: message ages, callback query expiry, Message.date. */
  advanceTime(ms: number): void {
    this.state.clock.advance(ms);
  }

  /** Makes one message `hours` older (e.g. 49 → "message can't be edited"). */
  ageMessage(chatId: number, messageId: number, hours: number): void {
    const msg = this.state.chat(chatId)?.messages.get(messageId);
    if (!msg) throw new Error(`ageMessage: no message #${messageId} in chat ${chatId}`);
    msg.date -= Math.round(hours * 3600);
  }

  /** Makes a callback query `ms` older (past callbackQueryTtlMs → "query is too old"). */
  ageCallbackQuery(queryId: string, ms: number): void {
    const q = this.state.callbackQueries.get(queryId);
    if (!q) throw new Error(`ageCallbackQuery: unknown query ${queryId}`);
    q.createdAt -= ms;
  }

  /** Makes every unanswered callback query `ms` older (default: past the window, so all are too old). */
  ageCallbackQueries(ms = this.state.callbackQueryTtlMs + 1): number {
    let n = 0;
    for (const q of this.state.callbackQueries.values()) {
      if (q.answer) continue;
      q.createdAt -= ms;
      n++;
    }
    return n;
  }

  /** The window in which a callback query can be answered (startFakeTelegram's callbackQueryTtlMs). */
  get callbackQueryTtlMs(): number {
    return this.state.callbackQueryTtlMs;
  }

  set callbackQueryTtlMs(ms: number) {
    this.state.callbackQueryTtlMs = ms;
  }

  /**
   * The bot is down: from now on getUpdates hands out nothing (a waiting long poll just times out),
   * while users keep writing and tapping — their updates pile up as they do for a stopped bot. The
   * bot's other calls still work (stop it yourself to model a crash).
   */
  botDown(): void {
    this.state.updates.setPaused(true);
  }

  /**
   * The bot is back after `downForMs` (default: just past callbackQueryTtlMs, so taps made while it
   * was down are "query is too old" when it answers them): the fake clock moves on by that much and
   * the piled-up updates are handed out.
   */
  botUp(opts: { downForMs?: number } = {}): void {
    this.state.clock.advance(opts.downForMs ?? this.state.callbackQueryTtlMs + 1000);
    this.state.updates.setPaused(false);
  }

  /** Is the bot down (botDown() without botUp())? */
  isBotDown(): boolean {
    return this.state.updates.isPaused();
  }

  // ---------------------------------------------------------- observation

  callsOf(method: string): CallRecord[] {
    return this.state.calls.filter((c) => c.method === method);
  }

  /** Resolves with the first (finished) call of `method` matching `predicate`, past or future. */
  async waitForCall(
    method: string,
    predicate: (c: CallRecord) => boolean = () => true,
    opts: WaitOptions = {},
  ): Promise<CallRecord> {
    return waitFor(
      () => this.state.calls.find((c) => c.method === method && c.response !== undefined && predicate(c)),
      {
        ...opts,
        intervalMs: 5,
        description: `a ${method} call matching ${predicate.toString().slice(0, 120)}`,
        dump: () =>
          `calls so far: ${this.state.calls
            .slice(-15)
            .map((c) => `${c.method}${c.response && !c.response.ok ? `(${c.response.error_code})` : ""}`)
            .join(", ")}`,
      },
    );
  }

  /** How many 429 answers were sent (flood control and injected). */
  count429(): number {
    return this.state.calls.filter((c) => c.response && !c.response.ok && c.response.error_code === 429)
      .length;
  }

  stats(): { calls: number; errors: number; tooManyRequests: number; byMethod: Record<string, number> } {
    const byMethod: Record<string, number> = {};
    for (const c of this.state.calls) byMethod[c.method] = (byMethod[c.method] ?? 0) + 1;
    return {
      calls: this.state.calls.length,
      errors: this.state.calls.filter((c) => c.response && !c.response.ok).length,
      tooManyRequests: this.count429(),
      byMethod,
    };
  }

  /** Global change counter: messages changed after this have a higher `seq`. */
  mark(): number {
    return this.state.currentSeq();
  }

  /** Every message the bot sent, all chats, in order of last change. */
  sentMessages(opts: { since?: number } = {}): MessageView[] {
    const since = opts.since ?? 0;
    const all: MessageView[] = [];
    for (const chat of this.state.chats.values()) {
      for (const m of chat.messages.values()) if (m.fromBot && m.seq > since) all.push(viewOf(this.state, m));
    }
    return all.sort((a, b) => a.seq - b.seq);
  }

  /** Commands set with setMyCommands for a scope key ("default", "all_private_chats", "chat:<id>") and language. */
  commands(scope = "default", languageCode = ""): Array<{ command: string; description: string }> {
    return (this.state.commands.get(`${scope}|${languageCode}`) ?? []) as Array<{
      command: string;
      description: string;
    }>;
  }

  /** Menu button set for a chat ("default" for the bot-wide one). */
  menuButton(chatId?: number): JsonObject | undefined {
    return this.state.menuButtons.get(chatId === undefined ? "default" : String(chatId));
  }

  dumpChat(chatId: number): string {
    const chat = this.state.chat(chatId);
    return chat ? dumpChat(this.state, chat) : `no chat ${chatId}`;
  }
}

export async function startFakeTelegram(opts: FakeTelegramOptions = {}): Promise<FakeTelegram> {
  const tokenId = opts.token ? Number(opts.token.split(":")[0]) : Number.NaN;
  const botId = opts.botId ?? (Number.isSafeInteger(tokenId) && tokenId > 0 ? tokenId : 7_000_000_001);
  const token = opts.token ?? `${botId}:AAHfakeTokenForTests_0123456789abcdefXYZ`;
  const bot: TgUser = {
    id: botId,
    is_bot: true,
    first_name: opts.botFirstName ?? "TeleCal Test",
    username: opts.botUsername ?? "telecal_test_bot",
  };
  const clock = new Clock(opts.now);
  const updates = new UpdateQueue(
    opts.firstUpdateId ?? 100_000,
    () => clock.now(),
    opts.conflictMode ?? "terminate-old",
  );
  const state = new State({
    bot,
    clock,
    updates,
    flood: opts.flood ? new FloodControl(opts.flood) : undefined,
    callbackQueryTtlMs: opts.callbackQueryTtlMs ?? 15_000,
    editWindowHours: opts.editWindowHours ?? 48,
    groupPrivacy: opts.groupPrivacy ?? true,
  });
  const http = new FakeHttpServer(state, { token });
  const port = await http.listen();
  return new FakeTelegram(state, http, port, token);
}
