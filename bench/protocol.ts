/** What the bench's processes tell each other (IPC between run.ts and servers.ts), and shared ids. */

export const ADMIN_ID = 900_001;
export const FIRST_USER_ID = 1_000_001;
export const FLOODER_ID = 2_000_001;
/** Books once before each measured run, so that the bot's code is warm (as after any minute in production). */
export const WARMUP_ID = 3_000_001;

/** The steps of one booking, each ended by the first change the user sees in the chat. */
export const STEPS = ["book", "zone", "more", "slot", "name", "email", "confirm"] as const;
export type StepName = (typeof STEPS)[number];

export interface ScenarioSpec {
  name: string;
  /** Users who book (the flooder not included). */
  users: number;
  /** Bookings each user makes, one after another. */
  flowsPerUser: number;
  thinkMs: number;
  /** Users start at random within [0, spreadMs). */
  spreadMs: number;
  /** One more user sends this many messages as fast as possible, starting at `startMs`. */
  flood?: { messages: number; startMs: number } | undefined;
  seed: number;
  /** Longest wait for any one reply before the user gives up (counted as a failure). */
  replyTimeoutMs: number;
}

export interface ServersOptions {
  calcomLatencyMs: number;
  /** Telegram's flood limits as the fake enforces them. */
  telegramFlood: { perChatPerSecond: number; globalPerSecond: number };
}

export interface Endpoints {
  telegramApiRoot: string;
  telegramToken: string;
  calcomUrl: string;
  calcomApiKey: string;
  calcomEventTypeId: number;
}

/** A user's action: the update it produced and when. */
export interface Action {
  user: number;
  step: StepName;
  updateId: number;
  at: number;
}

export interface FlowResult {
  user: number;
  ok: boolean;
  error?: string | undefined;
  startedAt: number;
  /** When the .ics document arrived. */
  finishedAt?: number | undefined;
  pages: number;
  slotTaken: number;
}

/** One Bot API call as the fake Telegram saw it (times in epoch ms). */
export interface TgCall {
  method: string;
  chatId?: number | undefined;
  at: number;
  end: number;
  ok: boolean;
  code?: number | undefined;
  /** A message sent or edited (what Telegram counts against its limits and the user sees). */
  visible: boolean;
  /** The change shows a page of free times. */
  slots: boolean;
  /** getUpdates: the ids it delivered. */
  updateIds?: number[] | undefined;
  /** sendDocument / editMessageText: the new text or caption (for the success check). */
  text?: string | undefined;
}

export interface CalRequest {
  op: string;
  /** Made before the measured run (start-up, warm-up). */
  setup: boolean;
  at: number;
  end: number;
  attendee?: string | undefined;
}

export interface CalBooking {
  uid: string;
  start: number;
  status: string;
  attendee: string;
}

export interface UserVisibleError {
  user: number;
  text: string;
}

export interface RawResult {
  spec: ScenarioSpec;
  startedAt: number;
  endedAt: number;
  actions: Action[];
  flows: FlowResult[];
  calls: TgCall[];
  calRequests: CalRequest[];
  calBookings: CalBooking[];
  tooManyRequests: number;
  errors: UserVisibleError[];
  alerts: number;
  adminNotices: number;
  flooder?: { sent: number; replies: number } | undefined;
  /** Names the bookers used (attendee names at Cal.com) by user id. */
  names: Record<number, string>;
}

export type ToServers =
  | { type: "start"; options: ServersOptions }
  | { type: "admin" }
  | { type: "run"; spec: ScenarioSpec }
  | { type: "stop" };

export type FromServers =
  | { type: "ready"; endpoints: Endpoints }
  | { type: "admin-ready" }
  | { type: "progress"; done: number; total: number }
  | { type: "result"; result: RawResult }
  | { type: "error"; message: string };

/** First name (the bot offers it as the booking name) of the i-th user; unique per user. */
export function userProfile(index: number): { id: number; first_name: string; language_code: string } {
  const names = [
    "Anna",
    "Boris",
    "Vera",
    "Gleb",
    "Dina",
    "Egor",
    "Zoya",
    "Ilya",
    "Kira",
    "Lev",
    "Mila",
    "Oleg",
  ];
  return {
    id: FIRST_USER_ID + index,
    first_name: `${names[index % names.length]} ${index + 1}`,
    language_code: index % 3 === 0 ? "en" : "ru",
  };
}

/** A small deterministic PRNG (mulberry32), so a seed repeats a run's choices. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
