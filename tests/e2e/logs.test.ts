import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Pseudonyms } from "../../src/members/pseudonym.js";
import { press, settled, shows } from "./booking-helpers.js";
import { ADMIN_ID, startWorld, type World } from "./harness.js";
import { bookEnglish, joined } from "./privacy-helpers.js";

let world: World;
beforeEach(async () => {
  world = await startWorld({ captureLogs: true });
});
afterEach(async () => {
  await world.close();
});

const ID = 7_400_000_001;
const admin = () => world.tg.user(ADMIN_ID);

describe("logs without identities", () => {
  it("a whole booking story leaves no id, name or email in any log line; each line carries a stable pseudonym", async () => {
    const nat = await joined(world, ID, {
      first_name: "Natalia",
      last_name: "Orlovskaya",
      username: "nat_orl",
      language_code: "en",
    });
    await bookEnglish(nat, "Natalia Orlovskaya", "natalia.orl@mail.ru");
    nat.command("mybookings");
    const list = await shows(nat, "Your upcoming meetings");
    await press(nat, /^✖️ Cancel/, list);
    await shows(nat, "Cancel the meeting on");
    await press(nat, "Yes, cancel it");
    await shows(nat, "is cancelled");
    nat.command("privacy");
    await shows(nat, "What the bot keeps about you");
    await world.app.reminders.tick();
    await settled(world);

    const logs = world.logs.join("\n");
    expect(world.logs.length).toBeGreaterThan(20);
    for (const leak of [
      /\b7400000001\b/,
      /Natalia/i,
      /Orlovskaya/i,
      /nat_orl/i,
      /natalia\.orl/i,
      /@mail\.ru/,
    ]) {
      expect(logs).not.toMatch(leak);
    }
    expect(logs).not.toMatch(new RegExp(`\\b${ADMIN_ID}\\b`));
    const pseudonym = new Pseudonyms(world.tg.token).of(ID);
    const lines = world.logs.filter((l) => l.includes(`"user":"${pseudonym}"`));
    expect(lines.length).toBeGreaterThan(5);
    expect(lines.some((l) => l.includes("update handled"))).toBe(true);
  });

  it("admins find a member's lines: /whois <pseudonym> says who it is, /whois <id> gives the pseudonym; others are refused", async () => {
    const olga = await joined(world, ID, { first_name: "Olga", username: "olga_s", language_code: "ru" });
    const pseudonym = new Pseudonyms(world.tg.token).of(ID);
    expect(pseudonym).toMatch(/^[a-z2-7]{12}$/);

    admin().command("whois", String(ID));
    const byId = await admin().waitForReply((m) => m.text.includes(pseudonym));
    expect(byId.text).toContain("Olga (@olga_s)");
    expect(byId.text).toContain("approved member");

    admin().command("whois", pseudonym.toUpperCase());
    const byPseudonym = await admin().waitForReply((m) => m.text.startsWith(pseudonym));
    expect(byPseudonym.text).toContain(`Olga (@olga_s), ID ${ID} — approved member`);

    admin().command("whois", "zzzzzzzzzzzz");
    await admin().waitForReply((m) => m.text.includes("No one the bot knows has the pseudonym zzzzzzzzzzzz"));
    admin().command("whois", "who?");
    await admin().waitForReply((m) => m.text.includes("/whois <pseudonym>"));

    const ruAdmin = world.tg.user(ADMIN_ID, { first_name: "Sponsor", language_code: "ru" });
    ruAdmin.command("whois", String(ID));
    const ru = await ruAdmin.waitForReply((m) => m.text.includes(`в журналах обозначен как ${pseudonym}`));
    expect(ru.text).toContain("одобренный участник");

    olga.command("whois", pseudonym);
    await olga.waitForReply((m) => /только для администраторов/.test(m.text));
  });
});
