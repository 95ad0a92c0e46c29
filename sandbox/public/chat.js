// One person's Telegram chat with the bot: messages (edited in place), inline keyboards, answers
// to taps (toast or alert), documents, the command menu, a text box and the app's language.
import { isTelegramLink, renderText } from "./text.js";

const ROLES = { sponsee: "sponsee · member", sponsor: "sponsor · admin", stranger: "stranger" };
const TOAST_MS = 3000;

const clock = (unix) =>
  new Date(unix * 1000).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", hour12: false });

function size(bytes) {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KB`;
}

export class Chat {
  /** `openLink(url)`: a t.me link was tapped (the page opens it in the stranger's app). */
  constructor(section, key, post, openLink) {
    this.section = section;
    this.openLink = openLink;
    this.key = key;
    this.post = (path, body) => post(`/api/chat/${key}/${path}`, body, (msg) => this.toast(msg));
    this.seqs = new Map();
    this.shownAnswers = undefined;
    this.last = "";
    this.toastTimer = undefined;
    section.append(document.getElementById("chat-template").content.cloneNode(true));
    const $ = (sel) => section.querySelector(sel);
    this.list = $(".messages");
    this.menu = $(".menu");
    this.input = $(".text");
    this.compose = $(".compose");
    this.startButton = $(".start");
    this.alertBox = $(".alert");
    $(".compose").addEventListener("submit", (ev) => {
      ev.preventDefault();
      const text = this.input.value.trim();
      if (!text) return;
      this.input.value = "";
      this.send(text);
    });
    $(".menu-button").addEventListener("click", () => {
      this.menu.hidden = !this.menu.hidden;
    });
    $(".alert-ok").addEventListener("click", () => {
      this.alertBox.hidden = true;
    });
    this.startButton.addEventListener("click", () => this.send("/start"));
    for (const b of section.querySelectorAll(".lang button")) {
      b.addEventListener("click", () => this.post("language", { language: b.dataset.lang }));
    }
  }

  send(text) {
    this.menu.hidden = true;
    this.post("send", { text });
  }

  toast(text) {
    const t = this.section.querySelector(".toast");
    t.textContent = text;
    t.hidden = false;
    clearTimeout(this.toastTimer);
    this.toastTimer = setTimeout(() => {
      t.hidden = true;
    }, TOAST_MS);
  }

  alert(text) {
    this.section.querySelector(".alert-text").textContent = text;
    this.alertBox.hidden = false;
  }

  update(view) {
    const text = JSON.stringify(view);
    if (text === this.last) return;
    this.last = text;
    const $ = (sel) => this.section.querySelector(sel);
    $(".avatar").textContent = view.name.slice(0, 1);
    $(".name").textContent = view.name;
    $(".role").textContent = `${ROLES[view.key] ?? view.key} · @${view.username}`;
    for (const b of this.section.querySelectorAll(".lang button")) {
      b.setAttribute("aria-pressed", String(b.dataset.lang === view.language));
    }
    this.renderMenu(view.menu);
    this.renderMessages(view);
    this.showAnswers(view.taps);
    const empty = view.messages.length === 0;
    this.startButton.hidden = !empty;
    this.compose.hidden = empty;
  }

  renderMenu(menu) {
    this.menu.replaceChildren(
      ...menu.map((c) => {
        const li = document.createElement("li");
        const b = document.createElement("button");
        b.type = "button";
        const cmd = document.createElement("span");
        cmd.className = "cmd";
        cmd.textContent = `/${c.command}`;
        b.append(cmd, c.description);
        b.addEventListener("click", () => this.send(`/${c.command}`));
        li.append(b);
        return li;
      }),
    );
    this.section.querySelector(".menu-button").hidden = menu.length === 0;
  }

  renderMessages(view) {
    const list = this.list;
    const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 60;
    const pending = new Set(view.taps.filter((t) => !t.answer).map((t) => `${t.messageId}|${t.data}`));
    list.replaceChildren(...view.messages.map((m) => this.renderMessage(m, pending)));
    if (atBottom) list.scrollTop = list.scrollHeight;
  }

  renderMessage(m, pending) {
    const li = document.createElement("li");
    li.className = `msg${m.fromBot ? "" : " mine"}${m.rows.length > 0 ? " with-keyboard" : ""}`;
    li.dataset.id = String(m.id);
    const before = this.seqs.get(m.id);
    if (before !== undefined && before !== m.seq) li.classList.add("changed");
    this.seqs.set(m.id, m.seq);
    const bubble = document.createElement("div");
    bubble.className = "bubble";
    if (m.document) bubble.append(this.renderDocument(m.document));
    bubble.append(
      renderText(m.text, m.entities, { command: (command) => this.send(command), link: this.openLink }),
    );
    const meta = document.createElement("span");
    meta.className = "meta";
    meta.textContent = `${m.edits > 0 ? "edited " : ""}${clock(m.date)}`;
    bubble.append(meta);
    li.append(bubble);
    if (m.rows.length > 0) li.append(this.renderKeyboard(m, pending));
    return li;
  }

  renderDocument(doc) {
    const a = document.createElement("a");
    a.className = "doc";
    a.href = doc.href;
    a.download = doc.name;
    const icon = document.createElement("span");
    icon.className = "doc-icon";
    icon.textContent = "⬇";
    const label = document.createElement("span");
    const name = document.createElement("div");
    name.className = "doc-name";
    name.textContent = doc.name;
    const bytes = document.createElement("div");
    bytes.className = "doc-size";
    bytes.textContent = size(doc.size);
    label.append(name, bytes);
    a.append(icon, label);
    const wrap = document.createElement("div");
    wrap.append(a);
    return wrap;
  }

  renderKeyboard(m, pending) {
    const kb = document.createElement("div");
    kb.className = "keyboard";
    for (const row of m.rows) {
      const r = document.createElement("div");
      r.className = "kb-row";
      for (const b of row) {
        if (b.url !== undefined) {
          const a = document.createElement("a");
          a.className = "kb";
          a.href = b.url;
          a.target = "_blank";
          a.rel = "noopener noreferrer";
          a.textContent = `${b.text} ↗`;
          if (isTelegramLink(b.url)) {
            a.addEventListener("click", (ev) => {
              ev.preventDefault();
              this.openLink(b.url);
            });
          }
          r.append(a);
          continue;
        }
        const button = document.createElement("button");
        button.type = "button";
        button.className = "kb";
        button.textContent = b.text;
        button.title = b.text;
        if (pending.has(`${m.id}|${b.data}`)) button.classList.add("pending");
        button.addEventListener("click", () => this.post("tap", { messageId: m.id, data: b.data }));
        r.append(button);
      }
      kb.append(r);
    }
    return kb;
  }

  /** Answers to taps, each shown once: a toast, or an alert when the bot asked for one. */
  showAnswers(taps) {
    const answered = taps.filter((t) => t.answer);
    if (this.shownAnswers === undefined) {
      this.shownAnswers = new Set(answered.map((t) => t.queryId));
      return;
    }
    for (const t of answered) {
      if (this.shownAnswers.has(t.queryId)) continue;
      this.shownAnswers.add(t.queryId);
      if (t.answer.url) window.open(t.answer.url, "_blank", "noopener");
      if (!t.answer.text) continue;
      if (t.answer.alert) this.alert(t.answer.text);
      else this.toast(t.answer.text);
    }
  }
}
