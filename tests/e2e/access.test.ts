import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { waitFor } from "../../fakes/support/wait.js";
import { ADMIN_ID, startWorld, type World } from "./harness.js";

let world: World;
beforeEach(async () => {
  world = await startWorld();
});
afterEach(async () => {
  await world.close();
});

const adminChat = () => world.tg.user(ADMIN_ID);
const requestsToAdmin = (id: number) =>
  adminChat()
    .messages()
    .filter((m) => m.text.includes(`/approve ${id}`));

describe("access requests", () => {
  it("a stranger who sends /start sees their id, and the admin is told once with buttons and commands", async () => {
    const anna = world.tg.user(501, {
      first_name: "Anna",
      last_name: "K",
      username: "anna_k",
      language_code: "en",
    });
    anna.start();
    const reply = await anna.waitForReply((m) => m.text.includes("501"));
    expect(reply.text).toMatch(/admin/i);

    const notice = await adminChat().waitForMessage((m) => m.text.includes("/approve 501"));
    expect(notice.text).toContain("Anna K");
    expect(notice.text).toContain("@anna_k");
    expect(notice.text).toContain("/reject 501");
    expect(notice.buttons.map((b) => b.text)).toEqual([
      expect.stringMatching(/Approve/),
      expect.stringMatching(/Reject/),
    ]);

    anna.start();
    await anna.waitForReply((m) => /still waiting/i.test(m.text));
    expect(requestsToAdmin(501)).toHaveLength(1);
  });

  it("the admin approves with the button; the user is told and can use the bot; the request message shows the decision", async () => {
    const boris = world.tg.user(502, { first_name: "Борис", language_code: "ru" });
    boris.start();
    const notice = await adminChat().waitForMessage((m) => m.text.includes("/approve 502"));
    const q = adminChat().tapButton(/Approve/, notice);
    const answer = await adminChat().waitForCallbackAnswer(q);
    expect(answer.text).toMatch(/Approved/);
    await adminChat().waitForMessage((m) => m.message_id === notice.message_id && /Decided by/.test(m.text));
    const told = await boris.waitForMessage((m) => /Доступ открыт/.test(m.text));
    expect(told.buttons.map((b) => b.text)).toEqual(
      expect.arrayContaining([expect.stringMatching(/Записаться/)]),
    );

    boris.start();
    await boris.waitForReply((m) => /Здравствуйте, Борис/.test(m.text));
    adminChat().command("users");
    await adminChat().waitForReply((m) => m.text.includes("502") && m.text.includes("Борис"));
  });

  it("a rejected user is told, and their next /start does not bother the admin again", async () => {
    const carl = world.tg.user(503, { first_name: "Carl", language_code: "en" });
    carl.start();
    await adminChat().waitForMessage((m) => m.text.includes("/approve 503"));
    adminChat().command("reject", "503");
    await adminChat().waitForReply((m) => /Rejected/.test(m.text));
    await carl.waitForMessage((m) => /declined/.test(m.text));
    adminChat().command("reject", "503");
    await adminChat().waitForReply((m) => /already rejected/.test(m.text));

    carl.start();
    await carl.waitForReply((m) => /declined/.test(m.text));
    expect(requestsToAdmin(503)).toHaveLength(1);
  });

  it("/pending lists waiting requests with buttons, or says there are none", async () => {
    adminChat().command("pending");
    await adminChat().waitForReply((m) => /No requests/.test(m.text));
    world.tg.user(504, { first_name: "Dana", language_code: "en" }).start();
    world.tg.user(505, { first_name: "Egor", language_code: "en" }).start();
    await waitFor(() => requestsToAdmin(505).length === 1 && requestsToAdmin(504).length === 1);
    adminChat().command("pending");
    const list = await adminChat().waitForReply((m) => /Waiting for a decision: 2/.test(m.text));
    expect(list.text).toContain("Dana");
    expect(list.text).toContain("Egor");
    expect(list.buttons.length).toBe(4);
  });

  it("anyone else sending an admin command is refused and nothing changes", async () => {
    const mallory = world.tg.user(506, { first_name: "Mallory", language_code: "en" });
    mallory.start();
    await adminChat().waitForMessage((m) => m.text.includes("/approve 506"));
    for (const [cmd, arg] of [
      ["approve", "506"],
      ["reject", "1"],
      ["revoke", "1"],
      ["pending", ""],
      ["users", ""],
    ] as const) {
      mallory.command(cmd, arg);
      await mallory.waitForReply((m) => /admins only/.test(m.text));
    }
    // A forged Approve button is refused too.
    const notice = requestsToAdmin(506)[0];
    expect(notice).toBeDefined();
    const q = mallory.tap(notice?.message_id ?? 0, "acc:a:506", { force: true });
    const answer = await mallory.waitForCallbackAnswer(q);
    expect(answer.show_alert).toBe(true);
    mallory.command("book");
    await mallory.waitForReply((m) => /don't have access/.test(m.text));
  });

  it("/revoke removes access; the user is told and must ask again, which notifies the admin again", async () => {
    adminChat().command("approve", "507");
    await adminChat().waitForReply((m) => /Approved/.test(m.text));
    const fay = world.tg.user(507, { first_name: "Fay", language_code: "en" });
    fay.start();
    await fay.waitForReply((m) => /Hello, Fay/.test(m.text));
    adminChat().command("revoke", "507");
    await adminChat().waitForReply((m) => /revoked/.test(m.text));
    await fay.waitForMessage((m) => /revoked/.test(m.text));
    fay.start();
    await fay.waitForReply((m) => m.text.includes("507") && /request/.test(m.text));
    await waitFor(() => requestsToAdmin(507).length === 1);
    adminChat().command("revoke", "507");
    await adminChat().waitForReply((m) => /not on the approved list/.test(m.text));
  });

  it("admin commands with junk arguments get usage help; admins cannot be targeted", async () => {
    for (const arg of ["", "abc", "12 34", "-5", "1".repeat(40)]) {
      adminChat().command("approve", arg);
      await adminChat().waitForReply((m) => /numeric Telegram ID/.test(m.text));
    }
    adminChat().command("revoke", String(ADMIN_ID));
    await adminChat().waitForReply((m) => /Admins always have access/.test(m.text));
  });

  it("an id that is not a positive integer without leading zeros, up to 2^53 − 1, gets the usage line and approves no one", async () => {
    const mark = adminChat().mark();
    const tries: Array<[string, string]> = [
      ...["0", "0001", "00", "9007199254740992", "9007199254740993", "12345678901234567890"].map(
        (arg): [string, string] => ["approve", arg],
      ),
      ["reject", "0"],
      ["reject", "0042"],
      ["revoke", "0"],
      ["revoke", "9007199254740992"],
    ];
    for (const [command, arg] of tries) {
      adminChat().command(command, arg);
      await adminChat().waitForReply((m) => m.text === `Give a numeric Telegram ID: /${command} <id>`);
    }
    const replies = adminChat()
      .messagesSince(mark)
      .map((m) => m.text);
    expect(replies.filter((t) => !t.startsWith("Give a numeric Telegram ID"))).toEqual([]);
    adminChat().command("users");
    await adminChat().waitForReply((m) => m.text === "No approved members yet.");
    // The largest safe id is an id like any other.
    adminChat().command("approve", "9007199254740991");
    const approved = await adminChat().waitForReply((m) => m.text.includes("Approved: ID 9007199254740991"));
    // Approved before ever writing: no name is known, and the id is said once, not "ID n, ID n".
    expect(approved.text).not.toContain("ID 9007199254740991, ID");
    adminChat().command("users");
    const list = await adminChat().waitForReply((m) => m.text.includes("9007199254740991"));
    expect(list.text).toContain("• ID 9007199254740991 — ");
  });
});

describe("the bot as a whole", () => {
  it("registers its commands: members' list for everyone, the longer list in the admin's chat", async () => {
    // The admin's English list is the last one registered (src/bot/commands.ts).
    await waitFor(() => world.tg.commands(`chat:${ADMIN_ID}`, "en").length > 0);
    const everyone = world.tg.commands("all_private_chats", "").map((c) => c.command);
    expect(everyone).toEqual(["start", "book", "mybookings", "privacy", "cancel", "help"]);
    const admin = world.tg.commands(`chat:${ADMIN_ID}`, "").map((c) => c.command);
    expect(admin).toEqual(
      expect.arrayContaining([
        "pending",
        "users",
        "approve",
        "reject",
        "revoke",
        "invite",
        "invites",
        "stats",
        "whois",
        "limit",
        "limits",
      ]),
    );
    expect(
      world.tg.commands(`chat:${ADMIN_ID}`, "en").find((c) => c.command === "whois")?.description,
    ).toMatch(/pseudonym/);
    expect(world.tg.commands("all_private_chats", "en")[0]?.description).toBe("Start");
  });

  it("answers health checks with 200 and JSON while polling", async () => {
    const res = await fetch(`http://127.0.0.1:${world.app.healthPort}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "ok", polling: true });
  });

  it("bad input anywhere gets a clear reply and the bot keeps working", async () => {
    const gus = world.tg.user(508, { first_name: "Gus", language_code: "en" });
    gus.sendSticker();
    await gus.waitForReply((m) => /don't have access/.test(m.text));
    gus.send("x".repeat(4096));
    await gus.waitForReply((m) => /don't have access/.test(m.text));
    gus.command("nonsense", "junk args");
    await gus.waitForReply((m) => /don't know that command/.test(m.text));
    const q = gus.tap(1, "💥 forged data", { force: true });
    expect((await gus.waitForCallbackAnswer(q)).show_alert).toBe(true);
    world.tg.pushUpdate({ edited_message: { junk: true } } as never);
    world.tg.pushUpdate({ callback_query: { id: "q-no-from", data: "acc:a:1" } } as never);
    gus.command("help");
    await gus.waitForReply((m) => /request access/.test(m.text));
  });

  it("Telegram's 429 is waited out and the reply still arrives", async () => {
    world.tg.failNext("sendMessage", {
      error_code: 429,
      description: "Too Many Requests: retry after 1",
      parameters: { retry_after: 1 },
    });
    const hal = world.tg.user(509, { first_name: "Hal", language_code: "en" });
    hal.start();
    await hal.waitForReply((m) => m.text.includes("509"), { timeoutMs: 5000 });
    expect(world.tg.count429()).toBe(1);
  });

  it("after a graceful restart no update is handled twice and none is lost", async () => {
    const ivy = world.tg.user(510, { first_name: "Ivy", language_code: "en" });
    ivy.start();
    await ivy.waitForReply((m) => m.text.includes("510"));
    await world.restart();
    ivy.command("help");
    await ivy.waitForReply((m) => /request access/.test(m.text));
    const replies = ivy.messages().map((m) => m.text);
    expect(replies.filter((t) => t.includes("Your Telegram ID: 510"))).toHaveLength(1);
    expect(requestsToAdmin(510)).toHaveLength(1);
  });
});
