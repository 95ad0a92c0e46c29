/**
 * Group and supergroup chats the bot is (or was) in. Users act in them through `user.in(group)`;
 * the bot sees what privacy mode lets through (privacy.ts); sends to a group the bot left or was
 * kicked from get Client.cpp's 403s (methods.ts resolveChat).
 *
 * Chat ids follow the Bot API's encoding (Client.cpp): a basic group is -<group id> (-1 down to
 * -999999999999), a supergroup -100<supergroup id> (below -1000000000000).
 */
import { ChatHandle } from "./chat-handle.js";
import { botMemberJson, botUserJson } from "./privacy.js";
import type { BotMemberStatus, ChatRecord, State } from "./state.js";
import type { JsonObject, TgUser } from "./types.js";
import type { FakeUser, IncomingMessage } from "./users.js";

export interface GroupInit {
  /** Default "supergroup" (what groups become as soon as they grow or get a public link). */
  type?: "group" | "supergroup";
  title?: string;
  /** Public supergroups only: then "@username" works as chat_id. */
  username?: string;
  /** Users in the group from the start (handles or ids; created with default names when unknown). */
  members?: Array<FakeUser | number>;
  /**
   * The bot's status from the start, default "member" (added silently, no updates). Use "left" and
   * then addBot() to see the my_chat_member update a real addition produces.
   */
  botStatus?: BotMemberStatus;
}

const MAX_BASIC_GROUP_ID = 999_999_999_999;
const SUPERGROUP_BASE = -1_000_000_000_000;

export function checkGroupId(id: number, type: "group" | "supergroup"): void {
  if (!Number.isSafeInteger(id) || id >= 0)
    throw new Error(`fake Telegram: group chat ids are negative, not ${id}`);
  if (type === "group" && -id > MAX_BASIC_GROUP_ID) {
    throw new Error(
      `fake Telegram: ${id} is a supergroup id (-100…); basic groups are -1..-${MAX_BASIC_GROUP_ID}`,
    );
  }
  if (type === "supergroup" && id >= SUPERGROUP_BASE) {
    throw new Error(
      `fake Telegram: supergroup ids are -100 followed by the supergroup id (e.g. -1001234567890), not ${id}`,
    );
  }
}

/**
 * The bot's membership changes as a user (`by`, a member) makes it: my_chat_member with the old and
 * new ChatMember, and — when the bot joins — the new_chat_members service message the group gets.
 * A bot that comes back gets the current privacy mode (it is fixed when the bot is added).
 */
export function changeBotMembership(
  state: State,
  chat: ChatRecord,
  status: BotMemberStatus,
  by: FakeUser,
  opts: { notify?: boolean } = {},
): void {
  const old = chat.botStatus;
  if (old === status) return;
  const joins = (old === "left" || old === "kicked") && (status === "member" || status === "administrator");
  chat.botStatus = status;
  if (joins) chat.privacyMode = state.groupPrivacy;
  if (opts.notify === false) return;
  state.updates.push({
    my_chat_member: {
      chat: state.chatJson(chat.id),
      from: by.user as unknown as JsonObject,
      date: state.clock.unix(),
      old_chat_member: botMemberJson(state, old),
      new_chat_member: botMemberJson(state, status),
    },
  });
  if (joins) {
    by.in(chat.id).push({
      kind: "service",
      extra: { new_chat_members: [botUserJson(state)] },
      service: true,
    });
  }
}

export class FakeGroup extends ChatHandle {
  /** @internal use FakeTelegram.group() */
  constructor(
    state: State,
    readonly id: number,
    private readonly userOf: (id: number) => FakeUser,
  ) {
    super(state, id);
  }

  get type(): "group" | "supergroup" {
    return this.chatRecord.type as "group" | "supergroup";
  }

  get title(): string {
    return this.chatRecord.title ?? "";
  }

  get botStatus(): BotMemberStatus {
    return this.chatRecord.botStatus;
  }

  /** The Chat object Telegram sends for this group. */
  get chat(): JsonObject {
    return this.state.chatJson(this.id);
  }

  members(): FakeUser[] {
    return [...this.chatRecord.members].map((id) => this.userOf(id));
  }

  /** `user` acting in this group (same as user.in(group)). */
  as(user: FakeUser | number): FakeUser {
    return this.handle(user).in(this.id);
  }

  private handle(user: FakeUser | number): FakeUser {
    return typeof user === "number" ? this.userOf(user) : user;
  }

  /** A user joins: the new_chat_members service message (which the bot sees even in privacy mode). */
  join(user: FakeUser | number, opts: { notify?: boolean } = {}): IncomingMessage | undefined {
    const u = this.handle(user);
    const chat = this.chatRecord;
    if (chat.members.has(u.id)) return undefined;
    chat.members.add(u.id);
    if (opts.notify === false) return undefined;
    return u.in(this.id).push({
      kind: "service",
      extra: { new_chat_members: [u.user as unknown as JsonObject] },
      service: true,
    });
  }

  /** A user leaves: the left_chat_member service message. */
  leave(user: FakeUser | number, opts: { notify?: boolean } = {}): IncomingMessage | undefined {
    const u = this.handle(user);
    const chat = this.chatRecord;
    if (!chat.members.has(u.id)) return undefined;
    const msg =
      opts.notify === false
        ? undefined
        : u.in(this.id).push({
            kind: "service",
            extra: { left_chat_member: u.user as unknown as JsonObject },
            service: true,
          });
    chat.members.delete(u.id);
    return msg;
  }

  /** `by` (a member) adds the bot: my_chat_member left→member (or administrator) and new_chat_members. */
  addBot(opts: { by: FakeUser | number; asAdmin?: boolean; notify?: boolean }): void {
    const by = this.as(opts.by);
    changeBotMembership(this.state, this.chatRecord, opts.asAdmin ? "administrator" : "member", by, opts);
  }

  /** `by` removes the bot: kicked (default, can't come back unless re-added) or just left. */
  removeBot(opts: { by: FakeUser | number; kick?: boolean; notify?: boolean }): void {
    const by = this.as(opts.by);
    changeBotMembership(this.state, this.chatRecord, opts.kick === false ? "left" : "kicked", by, opts);
  }

  /** `by` makes the bot an administrator (it then sees every message) or a plain member again. */
  promoteBot(opts: { by: FakeUser | number; demote?: boolean; notify?: boolean }): void {
    const by = this.as(opts.by);
    changeBotMembership(this.state, this.chatRecord, opts.demote ? "member" : "administrator", by, opts);
  }

  /**
   * Another bot posts here. Our bot never sees it (bots don't see bots), but it is now "the last
   * bot to send a message", so general commands (/start without @) stop reaching ours in privacy mode.
   */
  otherBotPosts(text = "…", bot: Partial<TgUser> = {}): number {
    const chat = this.chatRecord;
    const other: TgUser = {
      id: bot.id ?? 7_000_000_999,
      is_bot: true,
      first_name: bot.first_name ?? "Other Bot",
      username: bot.username ?? "other_test_bot",
    };
    const msg = this.state.addMessage(chat, {
      fromBot: false,
      from: other,
      date: this.state.clock.unix(),
      kind: "text",
      text,
      extra: {},
    });
    chat.lastBotSender = other.id;
    return msg.message_id;
  }
}
