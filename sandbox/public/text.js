// Telegram message text with its entities (offsets in UTF-16 code units, as JavaScript strings
// count) as DOM nodes: bold, italic, links, code, bot commands (clickable, as in Telegram)…
// Links to Telegram (t.me/…) open inside the sandbox instead of on the web.

export const isTelegramLink = (href) => /^(https?:\/\/)?(t\.me|telegram\.me)\//i.test(href);

const TAGS = {
  bold: "b",
  italic: "i",
  underline: "u",
  strikethrough: "s",
  code: "code",
  pre: "pre",
  blockquote: "blockquote",
  expandable_blockquote: "blockquote",
};

function wrap(entity, inner, text, on) {
  const piece = text.slice(entity.offset, entity.offset + entity.length);
  let el;
  if (TAGS[entity.type]) el = document.createElement(TAGS[entity.type]);
  else if (entity.type === "text_link" || entity.type === "url") {
    el = document.createElement("a");
    el.href = entity.type === "url" ? (/^https?:/i.test(piece) ? piece : `https://${piece}`) : entity.url;
    el.target = "_blank";
    el.rel = "noopener noreferrer";
    const href = el.href;
    if (isTelegramLink(href)) {
      el.addEventListener("click", (ev) => {
        ev.preventDefault();
        on.link(href);
      });
    }
  } else if (entity.type === "bot_command") {
    el = document.createElement("span");
    el.className = "command";
    el.addEventListener("click", () => on.command(piece));
  } else if (entity.type === "spoiler") {
    el = document.createElement("span");
    el.className = "spoiler";
  } else return inner;
  el.append(inner);
  return el;
}

/** `text` with `entities` as a fragment; tapping a /command calls on.command, a t.me link on.link. */
export function renderText(text, entities, on) {
  const cuts = new Set([0, text.length]);
  for (const e of entities) {
    cuts.add(e.offset);
    cuts.add(e.offset + e.length);
  }
  const points = [...cuts].filter((p) => p >= 0 && p <= text.length).sort((a, b) => a - b);
  const out = document.createDocumentFragment();
  for (let i = 0; i < points.length - 1; i++) {
    const from = points[i];
    const to = points[i + 1];
    let node = document.createTextNode(text.slice(from, to));
    const active = entities
      .filter((e) => e.offset <= from && e.offset + e.length >= to)
      .sort((a, b) => b.length - a.length || a.offset - b.offset)
      .reverse();
    for (const e of active) node = wrap(e, node, text, on);
    out.append(node);
  }
  return out;
}
