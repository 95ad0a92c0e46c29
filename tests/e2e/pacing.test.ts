import { afterEach, describe, expect, it } from "vitest";
import { waitFor } from "../../fakes/support/wait.js";
import { startWorld, type World } from "./harness.js";

let world: World;
afterEach(async () => {
  await world.close();
});

describe("outgoing pacing", () => {
  it("60 replies at once stay under Telegram's overall limit: queued, none refused, all delivered", async () => {
    world = await startWorld({ telegram: { flood: { perChatPerSecond: 5, globalPerSecond: 30 } } });
    const people = Array.from({ length: 60 }, (_, i) =>
      world.tg.user(5000 + i, { first_name: `P${i}`, language_code: "en" }),
    );
    const from = world.tg.calls.length;
    for (const p of people) p.send("hello");
    await waitFor(() => people.every((p) => p.messages().length > 0), {
      timeoutMs: 15_000,
      description: "every stranger to get a reply",
    });
    const sends = world.tg.calls.slice(from).filter((c) => c.method === "sendMessage");
    expect(sends.filter((c) => c.response?.ok === false)).toEqual([]);
    expect(world.tg.count429()).toBe(0);
    // 28 a second: the last replies had to wait for the next windows.
    const times = sends.map((c) => c.at).sort((a, b) => a - b);
    expect((times.at(-1) ?? 0) - (times[0] ?? 0)).toBeGreaterThanOrEqual(2000);
  });
});
