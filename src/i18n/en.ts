import type {
  AdminBookingNotice,
  BookingResult,
  BookingSummary,
  Messages,
  ReminderView,
  RequestView,
} from "./ru.js";

const who = (r: RequestView) => `${r.name}${r.username ? ` (@${r.username})` : ""}, ID ${r.id}`;

/** English texts; same keys as ru.ts (enforced by the type and by a test). */
export const en: Messages = {
  buttons: {
    book: "📅 Book",
    myBookings: "🗓 My bookings",
    help: "❓ Help",
    approve: "✅ Approve",
    reject: "❌ Reject",
    moreDates: "More dates ›",
    back: "‹ Back",
    changeZone: "🌍 Change time zone",
    otherZone: "Other…",
    cancel: "✖️ Cancel",
    retry: "🔄 Retry",
    useName: (name: string) => `Use “${name}”`,
    skip: "Skip",
    confirm: "✅ Confirm",
    edit: "✏️ Edit",
    editTime: "Time",
    editName: "Name",
    editEmail: "Email",
    backToSummary: "‹ Back to summary",
    restartYes: "Yes, start over",
    restartNo: "No, carry on",
    yes: "Yes",
    no: "No",
  },
  access: {
    requested: (id: number) =>
      `Hello! This bot books meetings with your sponsor.\n\nYour Telegram ID: ${id}\n\nI've sent an access request to the admin. I'll message you as soon as they decide.`,
    stillPending: (id: number) =>
      `Your access request is still waiting for the admin. Your Telegram ID: ${id}.\nNo need to ask again — I'll tell you when there's an answer.`,
    rejected: "Sorry, access was declined. If this is a mistake, contact your sponsor directly.",
    welcome: (name: string) => `Hello, ${name}! What would you like to do?`,
    welcomeAdmin: (name: string) =>
      `Hello, ${name}! You are an admin. /pending — access requests, /users — members, /help — all commands.`,
    notApproved: "You don't have access yet. Send /start to request it.",
    youWereApproved: "You're in! Tap “Book” or send /book to pick a meeting time.",
    youWereRejected: "Sorry, the admin declined your access request.",
    youWereRevoked: "Your access to the bot has been revoked by the admin.",
  },
  admin: {
    newRequest: (r: RequestView) =>
      `New access request\n\nName: ${r.name}\nUsername: ${r.username ? `@${r.username}` : "none"}\nID: ${r.id}\n\n/approve ${r.id}\n/reject ${r.id}`,
    approved: (r: RequestView) => `✅ Approved: ${who(r)}.`,
    rejected: (r: RequestView) => `❌ Rejected: ${who(r)}.`,
    alreadyApproved: (id: number) => `User ${id} is already approved.`,
    alreadyRejected: (id: number) => `Request ${id} was already rejected.`,
    decidedBy: (text: string, admin: string) => `${text}\n\nDecided by: ${admin}.`,
    noSuchRequest: (id: number) => `No request from a user with ID ${id}.`,
    usage: (command: string) => `Give a numeric Telegram ID: /${command} <id>`,
    cannotTargetAdmin: "Admins always have access; a command cannot change that.",
    revoked: (id: number) => `Access revoked for user ${id}.`,
    notApprovedUser: (id: number) => `User ${id} is not on the approved list.`,
    pendingNone: "No requests are waiting.",
    pendingTitle: (n: number) => `Waiting for a decision: ${n}`,
    pendingItem: (r: RequestView, requestedAt: string) =>
      `• ${who(r)} — since ${requestedAt}\n  /approve ${r.id}  /reject ${r.id}`,
    usersNone: "No approved members yet.",
    usersTitle: (n: number) => `Approved members: ${n}`,
    usersItem: (r: RequestView, approvedAt: string) => `• ${who(r)} — since ${approvedAt}`,
    adminsOnly: "This command is for admins only.",
    // After /revoke: the meetings the member still holds.
    revokedHolds: (n: number) =>
      `Upcoming meetings they hold: ${n}. They can still cancel them; you can cancel them all now.`,
    cancelAllButton: "✖️ Cancel all their meetings",
    cancellingAll: "Cancelling…",
    cancelAllDone: (cancelled: number, failed: number) =>
      failed === 0
        ? `Cancelled: ${cancelled}. The member was told of each.`
        : `Cancelled: ${cancelled}. Not cancelled, the calendar did not answer: ${failed}. Tap the button again to retry.`,
    cancelAllNothing: "No upcoming meetings left to cancel.",
    cancelAllHasAccess: (id: number) => `User ${id} has access again: their meetings stay.`,
  },
  booking: {
    chooseZone: "Which time zone are you in? Meeting times will be shown in it.",
    savedZone: (zone: string) => `Your time zone: ${zone}.`,
    typeZone: (examples: string) => `Type a time zone like Europe/Berlin, or a city: ${examples}.`,
    zoneInvalid: (examples: string) =>
      `I don't recognise that time zone. Type e.g. Europe/Berlin, or a city: ${examples}.`,
    loading: "Looking for free times…",
    slotsTitle: (zone: string, page: number, pages: number) =>
      `Free times (${zone})${pages > 1 ? `, page ${page} of ${pages}` : ""}. Pick one:`,
    noSlots: (days: number) =>
      `No free times in the next ${days} days. Try again later or change your time zone.`,
    askName: "What name should I book under? Type it (2 to 100 characters).",
    nameInvalid: "A name must be 2 to 100 characters long and contain at least one letter. Please try again.",
    askEmailOptional:
      "Give an email if you'd like a confirmation from Cal.com. Or tap “Skip” — I'll send reminders here.",
    askEmailRequired: "Please give your email — the meeting confirmation goes there.",
    emailInvalid: "That doesn't look like an email. Type an address like name@example.com.",
    emailSkipped: "OK, no email. You won't get Cal.com's emails — I'll send reminders here in Telegram.",
    rememberEmail: (email: string) => `Remember ${email} for your next bookings?`,
    summary: (s: BookingSummary) =>
      `Please check:\n\n📅 ${s.when}\n🌍 ${s.zone}\n⏱ ${s.duration} min\n👤 ${s.name}\n✉️ ${s.email ?? "none"}`,
    editWhat: "What would you like to change?",
    booking: "Booking…",
    success: (s: BookingResult) =>
      `Done, you're booked!\n\n📅 ${s.when}\n🌍 ${s.zone}\n⏱ ${s.duration} min\n📍 ${s.how}\n\nI'll remind you before the meeting. /mybookings shows your bookings.`,
    howOnline: "online, the link comes before the meeting",
    howUnknown: "your sponsor will share the details",
    icsCaption: "Add to calendar",
    icsFileName: "meeting.ics",
    slotTaken: "Someone just took that time. Here are the free times now:",
    calcomDown: "The calendar isn't answering right now. Nothing is lost — tap “Retry” in a minute.",
    bookingLimit:
      "You already have the most active bookings allowed. Cancel one in /mybookings and try again.",
    emailRefused: "Cal.com doesn't accept that address. Please give another email.",
    contactAdmin:
      "Booking failed because of the calendar's setup. The admin has been told; please try later.",
    cancelled: "Booking stopped. /book to start again.",
    nothingToCancel: "There's nothing to stop right now.",
    restartAsk: "Start over? The booking in progress will be lost.",
    continuing: "Carrying on where we were.",
    hintButtons: "Please choose with a button.",
    hintText: "Please type your answer.",
    timedOut: "The booking dialog closed after a long silence. /book to start again.",
    adminNew: (a: AdminBookingNotice) =>
      `📅 New booking: ${a.name}\n${a.when} (your time)\nMember's time zone: ${a.zone}`,
  },
  myBookings: {
    none: "You have no upcoming meetings.",
    title: "Your upcoming meetings:",
    item: (when: string, zone: string) => `• ${when} (${zone})`,
    rescheduleButton: "🔁 Move",
    cancelButton: "✖️ Cancel",
    cancelAsk: (when: string) => `Cancel the meeting on ${when}?`,
    yesCancel: "Yes, cancel it",
    noKeep: "No, keep it",
    kept: "OK, the meeting stays as it is.",
    cancelled: (when: string) => `The meeting on ${when} is cancelled. That time is free again.`,
    alreadyCancelled: "That meeting is already cancelled.",
    alreadyStarted: "That meeting has already begun or passed, so it can't be cancelled or moved.",
    notFound: "That meeting is not among your upcoming ones. /mybookings shows the current list.",
    calcomDown: "The calendar isn't answering right now. Please try again in a minute.",
    rescheduleFrom: (when: string) => `Moving the meeting on ${when}. Pick a new time.`,
    rescheduleAsk: (from: string, to: string) => `Move the meeting?\n\nFrom: ${from}\nTo: ${to}`,
    rescheduling: "Moving…",
    rescheduled: (when: string, zone: string) =>
      `Done, the meeting is moved.\n\n📅 ${when}\n🌍 ${zone}\n\nReminders will follow the new time.`,
    rescheduleStopped: "Not moved: the meeting stays at its old time.",
    settledBooked: (when: string) =>
      `✅ The calendar has confirmed your booking: ${when}. /mybookings shows your meetings.`,
    settledCancelled: (when: string) =>
      `❌ The calendar has confirmed the cancellation of your meeting on ${when}.`,
    changedOnCalendar: "That meeting changed on the calendar. /mybookings shows the current list.",
    reminder: (r: ReminderView) =>
      `⏰ Reminder: your meeting is ${r.inWhat}.\n\n📅 ${r.when}\n🌍 ${r.zone}\n⏱ ${r.duration} min\n📍 ${r.how}`,
    inMinutes: (n: number) => `in ${n} min`,
    inHours: (n: number) => (n === 1 ? "in 1 hour" : `in ${n} hours`),
    inDays: (n: number) => (n === 1 ? "tomorrow at this time" : `in ${n} days`),
    adminCancelled: (name: string, when: string) => `❌ Cancelled: ${name}, ${when} (your time)`,
    adminRescheduled: (name: string, from: string, to: string) =>
      `🔁 Moved: ${name}\n${from} → ${to} (your time)`,
    adminNone: "No upcoming bookings made through the bot.",
    adminTitle: (n: number) => `Upcoming bookings: ${n}`,
    adminItem: (name: string, when: string, status: string) => `• ${when} — ${name} (${status})`,
  },
  help: {
    stranger: "This bot books meetings with your sponsor. Send /start to request access.",
    user: "Commands:\n/book — book a meeting\n/mybookings — my bookings\n/cancel — leave the current dialog\n/help — this help",
    admin:
      "Admin commands:\n/bookings — upcoming bookings\n/pending — access requests\n/approve <id> — approve\n/reject <id> — reject\n/users — approved members\n/revoke <id> — revoke access\n\nAs a member:\n/book — book a meeting\n/mybookings — my bookings\n/cancel — leave the current dialog",
  },
  commands: {
    start: "Start",
    book: "Book a meeting",
    mybookings: "My bookings",
    cancel: "Leave the dialog",
    help: "Help",
    bookings: "Upcoming bookings",
    pending: "Access requests",
    users: "Approved members",
    approve: "Approve: /approve <id>",
    reject: "Reject: /reject <id>",
    revoke: "Revoke access: /revoke <id>",
  },
  common: {
    calcomKeyRefused:
      "⚠️ Cal.com refuses the bot's API key (401/403). Booking is down until the operator updates CALCOM_API_KEY.",
    somethingWrong: "Something went wrong on our side. Please try again in a minute.",
    staleButton: "This button is no longer active.",
    unknownCommand: "I don't know that command. /help lists what I can do.",
    useButtonsOrHelp: "I understand commands and buttons. /help shows what I can do.",
    slowDown: "Too many messages in a row — please slow down a little.",
    done: "Done.",
  },
  // One section per capability below; each grows inside its own block.
  outbox: {},
  // Lists that page (‹ ›, "n of m") and per-member limits.
  lists: {
    cancelOnlyTitle:
      "Your access has been closed, so you can't book or move meetings. You can still cancel the ones you hold:",
    moveNeedsAccess: "Your access has been closed: a meeting can no longer be moved, only cancelled.",
    cancelledBySponsor: (when: string) => `Your sponsor cancelled the meeting on ${when}.`,
  },
  // Requests the sponsor confirms or declines; several durations; what the calendar allows.
  confirmations: {},
  // Changes the sponsor made in Cal.com.
  sync: {},
  // What the bot keeps and how to erase it.
  privacy: {},
  // One-time invite links.
  invites: {},
  // Admin /stats.
  stats: {},
};
