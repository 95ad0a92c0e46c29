import type { Conversation } from "@grammyjs/conversations";
import { type Context, InlineKeyboard } from "grammy";
import type { Language } from "../../../config.js";
import { type Messages, messages, pickLanguage } from "../../../i18n/index.js";
import type { Preferences } from "../../../members/preferences.js";
import type { BotContext, BotDeps } from "../../context.js";
import { commandOf } from "../../filters.js";
import { type AnswerOptions, answer } from "../../ui/answer.js";
import { editOrSend } from "../../ui/edit-or-send.js";
import { mainMenu } from "../../ui/keyboards.js";
import { ACTION, type Action } from "./actions.js";
import { dialogButton } from "./callback.js";

export type BookingConversation = Conversation<BotContext, Context>;

export interface Button {
  text: string;
  action: Action;
  arg?: string;
  /** Shown as the tap's toast (costs no message), e.g. "Booking…". */
  toast?: string;
}

/** One step's message: its text, its buttons, and whether typed text is an answer. */
export interface View {
  text: string;
  rows: Button[][];
  acceptsText?: boolean;
}

export type Choice =
  | { kind: "button"; action: string; arg: string | undefined }
  | { kind: "text"; text: string };

/** What a turn of `Dialog.loop` leads to: another turn with this state, or the loop's result. */
export type Next<S, R> = { again: S } | { done: R };

/**
 * Operations (externals and waits) a loop's turns may add to the replay log before it rewinds:
 * about ten questions (a question is about six: nonce, edit, time, the update, time, answer).
 */
const LOOP_OPS = 60;

/** What crosses a rewind: the loop's state and the dialog message. */
interface Carried {
  state: unknown;
  messageId: number | null;
  freshNext: boolean;
}

/** Keyed by the update's outside context: it lives exactly as long as the update being handled. */
const carried = new WeakMap<object, Carried>();

/** A view on screen: the nonce in its buttons and when it was shown (for the idle limit). */
interface Shown {
  nonce: string;
  shownAt: number;
}

/**
 * The dialog's side of the chat, made safe for the conversations plugin's replay: every Telegram
 * call and every read of time or randomness runs in `conversation.external`, so it happens once
 * and replays from the log.
 *
 * The dialog keeps one message and edits it as the user taps; after the user types, the next
 * step is a new message below theirs. Each rendering gets a fresh nonce in its buttons' data, so
 * a button of an older rendering (or a double tap) is recognised and answered as no longer active.
 */
export class Dialog {
  private messageId: number | undefined;
  private freshNext = false;

  constructor(
    private readonly conversation: BookingConversation,
    private readonly chatId: number,
    private readonly t: Messages,
    private readonly clockNow: () => number,
    private readonly idleLimitMs: number,
  ) {}

  now(): Promise<number> {
    return this.conversation.external(() => this.clockNow());
  }

  /** Shows a view (editing the dialog message where possible) and returns its nonce. */
  async show(view: View): Promise<string> {
    const nonce = await this.conversation.external(() =>
      Math.random().toString(36).slice(2, 6).padEnd(4, "0"),
    );
    const markup = keyboard(view.rows, nonce);
    const target = this.freshNext ? undefined : this.messageId;
    const chatId = this.chatId;
    const { messageId } = await this.conversation.external((octx) =>
      editOrSend(octx.api, chatId, target, view.text, markup),
    );
    this.messageId = messageId;
    this.freshNext = false;
    return nonce;
  }

  /** The member this dialog is with (dialogs run in private chats: the chat is the member). */
  get memberId(): number {
    return this.chatId;
  }

  /** The message the dialog shows its steps in (undefined before the first). */
  get currentMessageId(): number | undefined {
    return this.freshNext ? undefined : this.messageId;
  }

  /**
   * Runs a slow side effect once; if it takes longer than `afterMs`, the view is shown meanwhile
   * (a "Booking…" that appears only when the calendar is slow, saving a message otherwise).
   */
  async runShowingIfSlow<R>(view: View, afterMs: number, task: () => Promise<R>): Promise<R> {
    const chatId = this.chatId;
    const target = this.currentMessageId;
    const { result, messageId } = await this.conversation.external(async (octx) => {
      let shown: Promise<{ messageId: number }> | undefined;
      const timer = setTimeout(() => {
        shown = editOrSend(octx.api, chatId, target, view.text, keyboard(view.rows, "0000")).catch(() => ({
          messageId: target ?? 0,
        }));
      }, afterMs);
      try {
        return { result: await task(), messageId: (await shown)?.messageId ?? target };
      } finally {
        clearTimeout(timer);
      }
    });
    if (messageId !== undefined && messageId !== 0) this.messageId = messageId;
    return result;
  }

  /** Sends a separate short note (a hint, a notice); the next view goes below it. */
  async say(text: string): Promise<void> {
    const chatId = this.chatId;
    await this.conversation.external(async (octx) => {
      await octx.api.sendMessage(chatId, text);
    });
    this.freshNext = true;
  }

  /** Runs a side effect exactly once (not on replay) and returns its JSON-safe result. */
  run<R>(task: (octx: BotContext) => R | Promise<R>): Promise<R> {
    return this.conversation.external(task);
  }

  /**
   * Shows the view and waits for an answer to it. Buttons of other features and commands fall
   * through to their handlers; stale buttons get an alert; the wrong kind of input gets a hint and
   * the step again. After the idle limit the dialog ends and the update is handled as if no
   * dialog were open.
   */
  async ask(view: View): Promise<Choice> {
    const shown: Shown = { nonce: await this.show(view), shownAt: await this.now() };
    return this.loop(shown, async (at): Promise<Next<Shown, Choice>> => {
      const ctx = await this.conversation.wait();
      if ((await this.now()) - at.shownAt > this.idleLimitMs) await this.conversation.halt({ next: true });
      if (ctx.callbackQuery) {
        const choice = await this.tapped(ctx.callbackQuery.data, at.nonce, view);
        return choice ? { done: choice } : { again: at };
      }
      const message = ctx.message;
      if (!message) return this.conversation.skip({ next: true });
      const command = commandOf(message);
      if (command?.name === "cancel") await this.leave();
      if (command !== undefined) return this.conversation.skip({ next: true });
      if (message.text !== undefined && view.acceptsText) {
        this.freshNext = true;
        return { done: { kind: "text", text: message.text } };
      }
      await this.say(view.acceptsText ? this.t.booking.hintText : this.t.booking.hintButtons);
      return { again: { nonce: await this.show(view), shownAt: await this.now() } };
    });
  }

  /**
   * Runs `turn` with a small JSON-safe state until it is done, keeping the dialog's stored log
   * bounded however long the member goes on. The conversations plugin stores every update the
   * dialog waited for (keyboards included) and every external result, and re-reads and rewrites
   * that whole log on each update; so once the turns since the loop began hold more than
   * LOOP_OPS operations, the loop rewinds to where it began (`conversation.rewind`, which drops
   * the log after that point; what was sent stays sent) and goes on from the state it had reached.
   * That state, and which message the dialog edits, cross the rewind on the update's own context
   * object (the first external after the checkpoint reads them), and are logged there as that
   * external's result: a replay goes the same way. Every loop of the dialog that waits for the
   * member goes through here, and each keeps its own span under the limit, so nested loops add
   * up rather than multiply. Anything a turn changes that later turns need must be in the state.
   */
  async loop<S, R>(start: S, turn: (state: S) => Promise<Next<S, R>>): Promise<R> {
    const began = this.conversation.checkpoint();
    const resumed = await this.conversation.external((octx) => {
      const c = carried.get(octx);
      carried.delete(octx);
      return c ?? null;
    });
    let state = start;
    if (resumed) {
      state = resumed.state as S;
      this.messageId = resumed.messageId ?? undefined;
      this.freshNext = resumed.freshNext;
    }
    for (;;) {
      const next = await turn(state);
      if ("done" in next) return next.done;
      state = next.again;
      // A checkpoint is the plugin's position in its log, [operations, results] (its Checkpoint
      // type, @grammyjs/conversations 2.x state.ts): the difference is what the turns added.
      if (this.conversation.checkpoint()[0] - began[0] > LOOP_OPS) {
        const carry: Carried = { state, messageId: this.messageId ?? null, freshNext: this.freshNext };
        await this.conversation.external((octx) => {
          carried.set(octx, carry);
        });
        await this.conversation.rewind(began);
      }
    }
  }

  /**
   * A tap on a dialog button: the choice when it belongs to the view shown (answered at once);
   * undefined after the stale alert or a no-op button. Other features' buttons fall through.
   */
  private async tapped(data: string | undefined, nonce: string, view: View): Promise<Choice | undefined> {
    const button = data === undefined ? undefined : dialogButton.decode(data);
    if (!button) return this.conversation.skip({ next: true });
    if (button.nonce !== nonce) {
      await this.answer({ text: this.t.common.staleButton, alert: true });
      return undefined;
    }
    const toast = view.rows.flat().find((b) => b.action === button.action)?.toast;
    await this.answer(toast ? { text: toast } : {});
    return button.action === ACTION.noop
      ? undefined
      : { kind: "button", action: button.action, arg: button.arg };
  }

  /**
   * `/cancel`: the dialog's message keeps its text and loses its buttons (it must not look live),
   * the member gets the menu, and the dialog ends.
   */
  private async leave(): Promise<never> {
    const { chatId, messageId, t } = this;
    await this.conversation.external(async (octx) => {
      if (messageId !== undefined) {
        await octx.api
          .editMessageReplyMarkup(chatId, messageId)
          .catch((err: unknown) => octx.log.debug({ err }, "could not take the dialog's buttons off"));
      }
      await octx.api.sendMessage(chatId, t.booking.cancelled, { reply_markup: mainMenu(t) });
    });
    return this.conversation.halt();
  }

  private answer(options: AnswerOptions): Promise<void> {
    return this.conversation.external((octx) => answer(octx, options));
  }
}

function keyboard(rows: Button[][], nonce: string): InlineKeyboard {
  const kb = new InlineKeyboard();
  for (const row of rows) {
    for (const b of row) kb.text(b.text, dialogButton.encode({ nonce, action: b.action, arg: b.arg }));
    kb.row();
  }
  return kb;
}

export interface OpenedDialog {
  from: NonNullable<Context["from"]>;
  chatId: number;
  prefs: Preferences;
  lang: Language;
  t: Messages;
  dialog: Dialog;
}

/**
 * The start every dialog shares: who and where, their saved preferences (read once, outside
 * replay), their language and the Dialog. Undefined for an update without a user or chat.
 */
export async function openDialog(
  conversation: BookingConversation,
  ctx: Context,
  deps: BotDeps,
): Promise<OpenedDialog | undefined> {
  const from = ctx.from;
  const chatId = ctx.chat?.id;
  if (!from || chatId === undefined) return undefined;
  const { config, services, clock } = deps;
  const prefs = await conversation.external(() => services.preferences.get(from.id));
  const lang = pickLanguage(from.language_code, prefs.language, config.defaultLanguage);
  const t = messages(lang);
  const idleLimitMs = config.conversationTimeoutMinutes * 60_000;
  const dialog = new Dialog(conversation, chatId, t, () => clock.now(), idleLimitMs);
  return { from, chatId, prefs, lang, t, dialog };
}
