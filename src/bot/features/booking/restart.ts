import { Composer } from "grammy";
import type { BotContext, BotDeps } from "../../context.js";
import { answer } from "../../ui/answer.js";
import { menu } from "../../ui/callback-data.js";
import { mainMenu } from "../../ui/keyboards.js";
import { restartChoice } from "./callback.js";

export const inDialog = (ctx: BotContext): boolean => Object.keys(ctx.conversation.active()).length > 0;

/**
 * "Start over?", asked when /start or /book (or the menu's Book) arrives mid-dialog. Only the
 * last question of a chat may be answered: a second tap on it, an older one, or a question left
 * from an earlier dialog, is stale. Kept with the dialogs (the restart_questions table), so this
 * holds across a restart too.
 */
export class RestartQuestion {
  constructor(private readonly questions: BotDeps["services"]["restartQuestions"]) {}

  /** The question and its answer; "Yes" after /book falls through to the new dialog. */
  middleware(): Composer<BotContext> {
    const chat = new Composer<BotContext>();
    chat.command("start", async (ctx, next) => (inDialog(ctx) ? this.ask(ctx, "start") : next()));
    chat.command("book", async (ctx, next) => (inDialog(ctx) ? this.ask(ctx, "book") : next()));
    chat.callbackQuery(menu.encode({ item: "book" }), async (ctx, next) => {
      if (!inDialog(ctx)) return next();
      await answer(ctx);
      await this.ask(ctx, "book");
    });
    chat.callbackQuery(restartChoice.pattern, (ctx, next) => this.answer(ctx, next));
    return chat;
  }

  /** No question of this chat may be answered any more (a new dialog began). */
  clear(ctx: BotContext): void {
    if (ctx.chat) this.questions.clear(ctx.chat.id);
  }

  private isLive(ctx: BotContext): boolean {
    const live = ctx.chat ? this.questions.live(ctx.chat.id) : undefined;
    return live !== undefined && live === ctx.callbackQuery?.message?.message_id;
  }

  private async ask(ctx: BotContext, after: "start" | "book"): Promise<void> {
    const asked = await ctx.reply(ctx.t.booking.restartAsk, {
      reply_markup: {
        inline_keyboard: [
          [
            { text: ctx.t.buttons.restartYes, callback_data: restartChoice.encode({ restart: true, after }) },
            { text: ctx.t.buttons.restartNo, callback_data: restartChoice.encode({ restart: false, after }) },
          ],
        ],
      },
    });
    this.questions.asked(asked.chat.id, asked.message_id);
  }

  private async answer(ctx: BotContext, next: () => Promise<void>): Promise<void> {
    const choice = restartChoice.decode(ctx.callbackQuery?.data);
    if (!choice || !inDialog(ctx) || !this.isLive(ctx)) {
      await answer(ctx, { text: ctx.t.common.staleButton, alert: true });
      return;
    }
    this.clear(ctx);
    await answer(ctx);
    await ctx.editMessageReplyMarkup().catch(() => undefined);
    if (!choice.restart) {
      await ctx.reply(ctx.t.booking.continuing);
      return;
    }
    await ctx.conversation.exitAll();
    // A conversation can only be entered below its createConversation: the new one starts there.
    if (choice.after === "book") return next();
    await ctx.reply(ctx.t.access.welcome(ctx.from?.first_name ?? ""), { reply_markup: mainMenu(ctx.t) });
  }
}
