/**
 * Simulated people: each books one meeting through the dialog as a person would — reads the reply,
 * thinks, taps — and picks a time nobody else in the run has picked. They read the dialog's buttons
 * by their callback data (`bk:<nonce>:<action>[:<arg>]`), so the bot's wording and language do not
 * matter.
 */
import type { FakeTelegram, FakeUser, MessageView } from "../fakes/telegram/index.js";
import type { Action, FlowResult, ScenarioSpec, StepName } from "./protocol.js";
import { prng } from "./protocol.js";

interface DialogButton {
  data: string;
  action: string;
  arg: string | undefined;
}

type Shown =
  | { kind: "zones"; message: MessageView; buttons: DialogButton[] }
  | { kind: "slots"; message: MessageView; buttons: DialogButton[] }
  | { kind: "name" | "email" | "summary"; message: MessageView; buttons: DialogButton[] }
  | { kind: "done"; message: MessageView };

function dialogButtons(m: MessageView): DialogButton[] {
  const out: DialogButton[] = [];
  for (const b of m.buttons) {
    const parts = b.callback_data?.split(":");
    if (parts?.[0] !== "bk" || !parts[2]) continue;
    out.push({ data: b.callback_data as string, action: parts[2], arg: parts[3] });
  }
  return out;
}

/** What a bot message asks the user to do next, if anything. */
function classify(m: MessageView): Shown | undefined {
  if (m.document?.file_name?.endsWith(".ics")) return { kind: "done", message: m };
  const buttons = dialogButtons(m);
  const has = (a: string) => buttons.some((b) => b.action === a);
  if (has("s")) return { kind: "slots", message: m, buttons };
  if (has("z")) return { kind: "zones", message: m, buttons };
  if (has("un")) return { kind: "name", message: m, buttons };
  if (has("k")) return { kind: "email", message: m, buttons };
  if (has("c")) return { kind: "summary", message: m, buttons };
  return undefined;
}

/** Who took which time: each person picks one no one else has picked. */
export class SlotBoard {
  private readonly taken = new Set<number>();
  claim(candidates: number[], random: () => number): number | undefined {
    const free = candidates.filter((c) => !this.taken.has(c));
    if (free.length === 0) return undefined;
    const pick = free[Math.floor(random() * free.length)] as number;
    this.taken.add(pick);
    return pick;
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const slotOf = (arg: string | undefined) => Number.parseInt(arg ?? "", 36) * 60_000;

export interface PersonDeps {
  tg: FakeTelegram;
  board: SlotBoard;
  spec: Pick<ScenarioSpec, "seed" | "thinkMs" | "spreadMs" | "replyTimeoutMs">;
  actions: Action[];
}

/** One person booking one meeting. Never throws: the outcome is in the returned FlowResult. */
export async function bookOnce(
  userId: number,
  deps: PersonDeps,
  random: () => number = prng(deps.spec.seed * 7919 + userId),
): Promise<FlowResult> {
  const { tg, board, spec, actions } = deps;
  const profile = { id: userId };
  const user: FakeUser = tg.user(profile.id);
  const think = () => sleep(spec.thinkMs * (0.75 + 0.5 * random()));
  const result: FlowResult = { user: profile.id, ok: false, startedAt: 0, pages: 1, slotTaken: 0 };

  const act = (step: StepName, doIt: () => void) => {
    doIt();
    const last = tg.updateLog().at(-1);
    if (last) actions.push({ user: profile.id, step, updateId: last.update_id, at: Date.now() });
  };
  const tap = (step: StepName, message: MessageView, data: string) =>
    act(step, () => user.tap(message, data));
  const next = async (): Promise<Shown> => {
    const m = await user.waitForReply((v) => classify(v) !== undefined, {
      timeoutMs: spec.replyTimeoutMs,
      description: "the next step of the dialog",
    });
    return classify(m) as Shown;
  };

  await sleep(random() * spec.spreadMs);
  result.startedAt = Date.now();
  try {
    act("book", () => user.command("book"));
    let shown = await next();
    let page = 0;
    for (let guard = 0; guard < 100; guard++) {
      if (shown.kind === "done") {
        result.ok = true;
        result.finishedAt = Date.now();
        return result;
      }
      await think();
      const { message, buttons } = shown;
      const find = (action: string) => buttons.find((b) => b.action === action);
      if (shown.kind === "zones") {
        const zones = buttons.filter((b) => b.action === "z");
        const zone = zones[Math.floor(random() * zones.length)];
        if (!zone) throw new Error("no zone buttons");
        tap("zone", message, zone.data);
        page = 0;
      } else if (shown.kind === "slots") {
        const slots = buttons.filter((b) => b.action === "s");
        const pick = board.claim(
          slots.map((b) => slotOf(b.arg)),
          random,
        );
        const button = pick === undefined ? undefined : slots.find((b) => slotOf(b.arg) === pick);
        if (button) {
          tap("slot", message, button.data);
        } else {
          const more = buttons.find((b) => b.action === "p" && Number(b.arg) > page);
          if (!more) throw new Error("no free time left that no one else took");
          page = Number(more.arg);
          result.pages++;
          tap("more", message, more.data);
        }
      } else if (shown.kind === "name") {
        tap("name", message, (find("un") as DialogButton).data);
      } else if (shown.kind === "email") {
        tap("email", message, (find("k") as DialogButton).data);
      } else {
        tap("confirm", message, (find("c") as DialogButton).data);
        page = -1; // a slots page after Confirm means the time was taken meanwhile
      }
      shown = await next();
      if (shown.kind === "slots" && page === -1) {
        result.slotTaken++;
        page = 0;
      }
    }
    throw new Error("the dialog went on for too long");
  } catch (err) {
    result.error = err instanceof Error ? err.message.split("\n")[0] : String(err);
    return result;
  }
}

/** One person sending `count` plain messages as fast as the fake takes them. */
export async function flood(tg: FakeTelegram, userId: number, count: number): Promise<number> {
  const user = tg.user(userId);
  for (let i = 0; i < count; i++) {
    user.send(`flood ${i + 1}`);
    // Let the fake answer the bot's polls in between, as a real server would.
    if (i % 20 === 19) await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return count;
}
