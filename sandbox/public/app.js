// The sandbox page: follows the sandbox's state (server-sent events) and renders the chats and
// the Cal.com panel. Everything it does goes through /api, which plays a Telegram app.
import { Calendar } from "./calendar.js";
import { Chat } from "./chat.js";

const PHASES = {
  building: "building the bot…",
  starting: "the bot is starting…",
  running: "the bot is running",
  stopped: "the bot has stopped",
  failed: "the bot failed",
  offline: "the sandbox is not running",
};

async function post(path, body, onError) {
  try {
    const res = await fetch(path, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    if (!res.ok) onError((await res.json().catch(() => ({}))).error ?? `error ${res.status}`);
  } catch {
    onError("the sandbox is not running");
  }
}

const chats = new Map();
/** A link to the bot (an invitation) is for someone new: the stranger opens it. */
function openLink(url) {
  selectTab("stranger");
  const stranger = chats.get("stranger");
  post("/api/chat/stranger/link", { url }, (msg) => stranger.toast(msg));
}
for (const section of document.querySelectorAll(".chat")) {
  chats.set(section.dataset.person, new Chat(section, section.dataset.person, post, openLink));
}
const calendar = new Calendar(document.getElementById("calendar"), post);

function showStatus(phase, detail) {
  const el = document.getElementById("bot-status");
  el.dataset.phase = phase;
  el.textContent = `${PHASES[phase] ?? phase}${detail ? ` (${detail})` : ""}`;
}

function render(state) {
  showStatus(state.bot.phase, state.bot.detail);
  for (const view of state.chats) chats.get(view.key)?.update(view);
  calendar.update(state.calendar);
}

function selectTab(tab) {
  document.body.dataset.tab = tab;
  if (tab === "sponsee" || tab === "stranger") document.body.dataset.left = tab;
  for (const b of document.querySelectorAll(".tabs button")) {
    b.setAttribute("aria-pressed", String(b.dataset.tab === tab));
  }
}
for (const b of document.querySelectorAll(".tabs button")) {
  b.addEventListener("click", () => selectTab(b.dataset.tab));
}

const events = new EventSource("/api/events");
events.onmessage = (ev) => render(JSON.parse(ev.data));
events.onerror = () => showStatus("offline");
