import { Api, type GrammyError, InlineKeyboard, InputFile } from "grammy";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type FakeTelegram, type FakeUser, startFakeTelegram } from "../../../fakes/telegram/index.js";
import { parseMultipart } from "../../../fakes/telegram/multipart.js";

let fake: FakeTelegram;
let api: Api;
let carol: FakeUser;

const ICS =
  "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nSUMMARY:Встреча\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

beforeEach(async () => {
  fake = await startFakeTelegram();
  api = new Api(fake.token, { apiRoot: fake.apiRoot });
  carol = fake.user(303, { first_name: "Carol", started: true });
});

afterEach(async () => {
  await fake.close();
});

describe("sendDocument", () => {
  it("multipart upload from grammY's InputFile: file name, MIME type, bytes and caption are recorded", async () => {
    const msg = await api.sendDocument(carol.chatId, new InputFile(Buffer.from(ICS), "booking.ics"), {
      caption: "Add to <b>calendar</b>",
      parse_mode: "HTML",
      reply_markup: new InlineKeyboard().text("Done", "done"),
    });
    expect(msg.document).toMatchObject({
      file_name: "booking.ics",
      mime_type: "text/calendar",
      file_size: Buffer.byteLength(ICS),
    });
    expect(msg.caption).toBe("Add to calendar");
    expect(msg.caption_entities).toEqual([{ type: "bold", offset: 7, length: 8 }]);

    const view = carol.lastMessage();
    expect(view?.kind).toBe("document");
    expect(view?.document?.file_name).toBe("booking.ics");
    expect(view?.document?.text).toBe(ICS);
    expect(view?.buttons.map((b) => b.text)).toEqual(["Done"]);
    const call = fake.callsOf("sendDocument")[0];
    expect(call?.params.document).toMatchObject({ file_name: "booking.ics", size: Buffer.byteLength(ICS) });
  });

  it("a file without a name gets grammY's default; a file_id is re-used; an unknown string is refused", async () => {
    const first = await api.sendDocument(carol.chatId, new InputFile(new Uint8Array([1, 2, 3])));
    expect(first.document?.file_name).toBe("document.dat");
    const again = await api.sendDocument(carol.chatId, first.document?.file_id as string);
    expect(again.document?.file_unique_id).toBe(first.document?.file_unique_id);
    const e = await api.sendDocument(carol.chatId, "no-such-file-id").catch((err: unknown) => err);
    expect((e as GrammyError).description).toBe("Bad Request: wrong file identifier/HTTP URL specified");
  });

  it("getFile + /file/bot<token>/<path> downloads what was uploaded (and what users sent)", async () => {
    const sent = await api.sendDocument(carol.chatId, new InputFile(Buffer.from("hello"), "a.txt"));
    const file = await api.getFile(sent.document?.file_id as string);
    const res = await fetch(`${fake.apiRoot}/file/bot${fake.token}/${file.file_path}`);
    expect(await res.text()).toBe("hello");

    carol.sendDocument({ file_name: "notes.csv", content: "a,b\n1,2\n", mime_type: "text/csv" });
    const [update] = await api.getUpdates({ timeout: 0 });
    const doc = update?.message?.document;
    expect(doc).toMatchObject({ file_name: "notes.csv", mime_type: "text/csv", file_size: 8 });
    const info = await api.getFile(doc?.file_id as string);
    expect(await (await fetch(`${fake.apiRoot}/file/bot${fake.token}/${info.file_path}`)).text()).toBe(
      "a,b\n1,2\n",
    );
  });

  it("accepts standard multipart (undici FormData) too", async () => {
    const form = new FormData();
    form.set("chat_id", String(carol.chatId));
    form.set("document", new Blob([ICS], { type: "text/calendar" }), "meeting.ics");
    form.set("caption", "via FormData");
    const res = await fetch(`${fake.apiRoot}/bot${fake.token}/sendDocument`, { method: "POST", body: form });
    const body = (await res.json()) as { ok: boolean; result: { document: { file_name: string } } };
    expect(body.ok).toBe(true);
    expect(body.result.document.file_name).toBe("meeting.ics");
    expect(carol.lastMessage()?.document?.text).toBe(ICS);
  });
});

describe("multipart parser", () => {
  it("reads grammY's header style (no spaces, unquoted filename with spaces)", () => {
    const b = "----------abc";
    const body = Buffer.concat([
      Buffer.from(`--${b}\r\ncontent-disposition:form-data;name="chat_id"\r\n\r\n42\r\n--${b}\r\n`),
      Buffer.from(
        `content-disposition:form-data;name="xyz";filename=my file.ics\r\ncontent-type:application/octet-stream\r\n\r\n`,
      ),
      Buffer.from([0, 1, 2, 13, 10, 3]),
      Buffer.from(`\r\n--${b}--\r\n`),
    ]);
    const parsed = parseMultipart(body, b);
    expect(parsed.fields).toEqual({ chat_id: "42" });
    const f = parsed.files.get("xyz");
    expect(f?.filename).toBe("my file.ics");
    expect([...(f?.bytes ?? [])]).toEqual([0, 1, 2, 13, 10, 3]);
  });
});
