import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import {
  dayHeader,
  groupByLocalDay,
  type LocalDay,
  longDateTime,
  paginateDays,
} from "../../src/time/slots.js";
import { parseZoneInput, RUSSIAN_ZONES, utcOffsetLabel, zoneLabel } from "../../src/time/zones.js";

const NOV = Date.parse("2026-11-22T12:00:00Z");

describe("time zones", () => {
  const expected: Record<string, [string, number]> = {
    "Europe/Kaliningrad": ["UTC+2", 2],
    "Europe/Moscow": ["UTC+3", 3],
    "Europe/Samara": ["UTC+4", 4],
    "Asia/Yekaterinburg": ["UTC+5", 5],
    "Asia/Omsk": ["UTC+6", 6],
    "Asia/Krasnoyarsk": ["UTC+7", 7],
    "Asia/Irkutsk": ["UTC+8", 8],
    "Asia/Yakutsk": ["UTC+9", 9],
    "Asia/Vladivostok": ["UTC+10", 10],
    "Asia/Magadan": ["UTC+11", 11],
    "Asia/Kamchatka": ["UTC+12", 12],
  };

  it("offers exactly the eleven Russian zones, west to east, each with its city and offset", () => {
    expect(RUSSIAN_ZONES.map((z) => z.zone)).toEqual(Object.keys(expected));
    for (const z of RUSSIAN_ZONES) {
      expect(utcOffsetLabel(z.zone, NOV)).toBe(expected[z.zone]?.[0]);
    }
    expect(zoneLabel("Europe/Moscow", "ru", NOV)).toBe("Москва (UTC+3)");
    expect(zoneLabel("Asia/Kamchatka", "en", NOV)).toBe("Kamchatka (UTC+12)");
  });

  it.each(Object.entries(expected))(
    "a 09:00 UTC slot shows at the right local hour in %s",
    (zone, [, hours]) => {
      const [day] = groupByLocalDay(["2026-11-24T09:00:00.000Z"], zone);
      expect(day?.slots[0]?.label).toBe(`${String(9 + hours).padStart(2, "0")}:00`);
      expect(day?.date).toBe(9 + hours >= 24 ? "2026-11-25" : "2026-11-24");
    },
  );

  it("a 23:30 UTC slot belongs to the next day in Vladivostok and the same day in Kaliningrad", () => {
    expect(groupByLocalDay(["2026-11-24T23:30:00Z"], "Asia/Vladivostok")).toEqual([
      { date: "2026-11-25", slots: [{ startUtc: "2026-11-24T23:30:00.000Z", label: "09:30" }] },
    ]);
    expect(groupByLocalDay(["2026-11-24T21:30:00Z"], "Europe/Kaliningrad")).toEqual([
      { date: "2026-11-24", slots: [{ startUtc: "2026-11-24T21:30:00.000Z", label: "23:30" }] },
    ]);
  });

  it("an 'Other' zone with daylight saving shifts local times across the change (Berlin, March)", () => {
    const days = groupByLocalDay(["2027-03-27T09:00:00Z", "2027-03-28T09:00:00Z"], "Europe/Berlin");
    expect(days.map((d) => [d.date, d.slots[0]?.label])).toEqual([
      ["2027-03-27", "10:00"],
      ["2027-03-28", "11:00"],
    ]);
    expect(utcOffsetLabel("Europe/Berlin", Date.parse("2027-07-01T00:00:00Z"))).toBe("UTC+2");
    expect(utcOffsetLabel("America/New_York", NOV)).toBe("UTC−5");
    expect(utcOffsetLabel("Asia/Kolkata", NOV)).toBe("UTC+5:30");
  });

  it("slots given with an offset by Cal.com convert the same as their UTC form; order and duplicates are fixed", () => {
    const days = groupByLocalDay(
      ["2026-11-24T12:00:00.000+03:00", "2026-11-24T08:00:00Z", "2026-11-24T09:00:00Z", "garbage"],
      "Europe/Moscow",
    );
    expect(days).toEqual([
      {
        date: "2026-11-24",
        slots: [
          { startUtc: "2026-11-24T08:00:00.000Z", label: "11:00" },
          { startUtc: "2026-11-24T09:00:00.000Z", label: "12:00" },
        ],
      },
    ]);
  });

  it("groups exactly as luxon does, across daylight-saving changes and odd offsets", () => {
    // The reference: every start through luxon (what the fast path must reproduce).
    const reference = (starts: string[], zone: string) => {
      const days = new Map<string, Array<{ startUtc: string; label: string }>>();
      const unique = new Map<number, DateTime>();
      for (const s of starts) {
        const d = DateTime.fromISO(s, { setZone: true });
        if (d.isValid) unique.set(d.toMillis(), d);
      }
      for (const utc of [...unique.values()].sort((a, b) => a.toMillis() - b.toMillis())) {
        const local = utc.setZone(zone);
        const key = local.toFormat("yyyy-MM-dd");
        days.set(key, [
          ...(days.get(key) ?? []),
          { startUtc: utc.toUTC().toISO() ?? "", label: local.toFormat("HH:mm") },
        ]);
      }
      return [...days].map(([date, slots]) => ({ date, slots }));
    };
    const starts: string[] = [];
    for (
      let t = Date.parse("2026-01-01T00:00:00Z");
      t < Date.parse("2027-01-01T00:00:00Z");
      t += 7 * 3_600_000 + 15 * 60_000
    ) {
      starts.push(new Date(t).toISOString());
    }
    starts.push(
      "2026-03-29T02:30:00+02:00",
      "2026-10-25T02:30:00+01:00",
      "2026-06-01T10:00:00",
      "not a date",
      starts[5] as string,
    );
    const zones = [
      ...RUSSIAN_ZONES.map((z) => z.zone),
      "Europe/Berlin",
      "America/New_York",
      "Asia/Kolkata",
      "Australia/Lord_Howe",
      "Pacific/Chatham",
      "UTC",
      "Mars/Olympus",
    ];
    for (const zone of zones) expect(groupByLocalDay(starts, zone), zone).toEqual(reference(starts, zone));
  });

  it("reads typed zones and cities, and refuses made-up ones", () => {
    expect(parseZoneInput("Europe/Berlin")).toBe("Europe/Berlin");
    expect(parseZoneInput("  europe/berlin ")).toBe("Europe/Berlin");
    expect(parseZoneInput("America/New York")).toBe("America/New_York");
    expect(parseZoneInput("Берлин")).toBe("Europe/Berlin");
    expect(parseZoneInput("TBILISI")).toBe("Asia/Tbilisi");
    for (const junk of ["", "Mars/Olympus", "Berlin/Europe", "UTC+3; DROP TABLE", "🙂", "x".repeat(500)]) {
      expect(parseZoneInput(junk)).toBeUndefined();
    }
  });
});

describe("day headers and pages", () => {
  it("names weekday and date in the user's language", () => {
    expect(dayHeader("2026-11-23", "ru")).toBe("Пн, 23 ноября");
    expect(dayHeader("2026-11-23", "en")).toBe("Mon, 23 November");
    expect(longDateTime("2026-11-24T07:00:00Z", "Asia/Omsk", "en")).toBe("Tuesday, 24 November 2026, 13:00");
    expect(longDateTime("2026-11-24T07:00:00Z", "Asia/Omsk", "ru")).toBe("вторник, 24 ноября 2026, 13:00");
  });

  const day = (date: string, n: number): LocalDay => ({
    date,
    slots: Array.from({ length: n }, (_, i) => ({ startUtc: `${date}T${i}`, label: String(i) })),
  });

  it("pages hold a few days, never split a day, and a huge day gets a page of its own", () => {
    expect(paginateDays([])).toEqual([]);
    const days = [day("d1", 5), day("d2", 5), day("d3", 5), day("d4", 5)];
    expect(paginateDays(days).map((p) => p.map((d) => d.date))).toEqual([["d1", "d2", "d3"], ["d4"]]);
    const big = [day("d1", 30), day("d2", 10), day("d3", 50), day("d4", 1)];
    expect(paginateDays(big).map((p) => p.map((d) => d.date))).toEqual([["d1"], ["d2"], ["d3"], ["d4"]]);
    const all = paginateDays(big).flat();
    expect(all.flatMap((d) => d.slots)).toHaveLength(91);
  });
});
