// The "Cal.com" panel: the sponsor's bookings and free times as the fake Cal.com holds them, and
// what the sponsor can do in Cal.com's web app.

const LIVE = new Set(["accepted", "pending"]);

export class Calendar {
  constructor(root, post) {
    this.root = root;
    this.post = (path, body) => post(`/api/cal/${path}`, body, (msg) => window.alert(msg));
    this.last = "";
    this.outage = root.querySelector("#cal-outage");
    this.latency = root.querySelector("#cal-latency");
    this.confirmation = root.querySelector("#cal-confirmation");
    this.outage.addEventListener("change", () =>
      this.post("outage", { mode: this.outage.value === "" ? false : this.outage.value }),
    );
    this.latency.addEventListener("change", () => this.post("latency", { ms: Number(this.latency.value) }));
    this.confirmation.addEventListener("change", () =>
      this.post("confirmation", { on: this.confirmation.checked }),
    );
  }

  when(ms, zone) {
    return new Date(ms).toLocaleString("en-GB", {
      timeZone: zone,
      weekday: "short",
      day: "numeric",
      month: "short",
      hour: "2-digit",
      minute: "2-digit",
    });
  }

  update(cal) {
    const text = JSON.stringify(cal);
    if (text === this.last) return;
    this.last = text;
    this.outage.value = cal.outage === false ? "" : cal.outage;
    this.latency.value = String(cal.latencyMs);
    this.confirmation.checked = cal.requiresConfirmation;
    this.root.querySelector("#cal-zone").textContent = `(${cal.zone})`;
    const bookings = this.root.querySelector("#cal-bookings");
    bookings.replaceChildren(...cal.bookings.map((b) => this.renderBooking(b, cal)));
    if (cal.bookings.length === 0) bookings.append(this.empty("No bookings yet."));
    const free = this.root.querySelector("#cal-free");
    free.replaceChildren(
      ...cal.free.map((start) => {
        const li = document.createElement("li");
        li.textContent = this.when(start, cal.zone);
        return li;
      }),
    );
    if (cal.free.length === 0) free.append(this.empty("No free times."));
  }

  empty(text) {
    const li = document.createElement("li");
    li.className = "empty";
    li.textContent = text;
    return li;
  }

  button(label, action, uid, extra = () => ({})) {
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = label;
    b.dataset.action = action;
    b.addEventListener("click", () => this.post("host", { action, uid, ...extra() }));
    return b;
  }

  renderBooking(b, cal) {
    const li = document.createElement("li");
    li.className = "booking";
    li.dataset.uid = b.uid;
    const when = document.createElement("span");
    when.className = "when";
    when.textContent = this.when(b.start, cal.zone);
    const badge = document.createElement("span");
    badge.className = `badge ${b.status}`;
    badge.textContent = b.rescheduled && b.status === "cancelled" ? "rescheduled" : b.status;
    const who = document.createElement("div");
    who.textContent = b.attendee;
    li.append(when, badge, who);
    if (!LIVE.has(b.status)) return li;
    const actions = document.createElement("div");
    actions.className = "actions";
    if (b.status === "pending") {
      actions.append(this.button("Confirm", "confirm", b.uid), this.button("Decline", "decline", b.uid));
    }
    const to = document.createElement("select");
    to.title = "Move to";
    for (const start of cal.free) {
      const o = document.createElement("option");
      o.value = String(start);
      o.textContent = this.when(start, cal.zone);
      to.append(o);
    }
    if (cal.free.length > 0) {
      actions.append(
        to,
        this.button("Move", "move", b.uid, () => ({ start: Number(to.value) })),
      );
    }
    actions.append(
      this.button("Ask to reschedule", "requestReschedule", b.uid),
      this.button("Cancel", "cancel", b.uid),
      this.button("Delete", "delete", b.uid),
    );
    li.append(actions);
    return li;
  }
}
