import type { RefusalCode } from "../calcom/event-type-check.js";
import type { InviteView, PrivacyView, StatsView, WhoisView } from "./privacy-views.js";
import type {
  AdminBookingNotice,
  BookingResult,
  BookingSummary,
  Messages,
  ReminderView,
  RequestView,
} from "./ru.js";
import { who } from "./who.js";

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
    adminItem: (name: string, when: string, awaiting: boolean) =>
      `• ${when} — ${name}${awaiting ? " — ⏳ awaiting your confirmation" : ""}`,
  },
  help: {
    stranger:
      "This bot books meetings with your sponsor. Send /start to request access.\n/privacy — what the bot keeps about you",
    user: "Commands:\n/book — book a meeting\n/mybookings — my bookings\n/privacy — what the bot keeps about you\n/cancel — leave the current dialog\n/help — this help",
    admin:
      "Admin commands:\n/bookings — upcoming bookings\n/pending — access requests\n/approve <id> — approve\n/reject <id> — reject\n/users — approved members\n/revoke <id> — revoke access\n/invite [note] — a one-time invite link\n/invites — open invitations\n/stats — how the bot is used\n/whois <pseudonym or id> — who is who in the logs\n\nIf the event type requires confirmation in Cal.com, each booking request comes here with “✅ Confirm” and “❌ Decline” (you may give a reason, which the member sees); deciding in Cal.com itself works too.\n\nAs a member:\n/book — book a meeting\n/mybookings — my bookings\n/privacy — what the bot keeps about you\n/cancel — leave the current dialog",
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
    privacy: "What the bot keeps about me",
    invite: "One-time invite link: /invite [note]",
    invites: "Open invitations",
    stats: "How the bot is used",
    whois: "Who is a pseudonym: /whois <pseudonym|id>",
    limit: "Longest meeting for a member: /limit <id> <minutes|off>",
    limits: "Members with a length limit",
  },
  common: {
    calcomKeyRefused:
      "⚠️ Cal.com refuses the bot's API key (401). Booking is down until the operator updates CALCOM_API_KEY.",
    somethingWrong: "Something went wrong on our side. Please try again in a minute.",
    staleButton: "This button is no longer active.",
    unknownCommand: "I don't know that command. /help lists what I can do.",
    useButtonsOrHelp: "I understand commands and buttons. /help shows what I can do.",
    slowDown: "Too many messages in a row — please slow down a little.",
    done: "Done.",
    privateOnly: (link: string) => `Please write to me in a private chat: ${link}`,
  },
  // One section per capability below; each grows inside its own block.
  outbox: {},
  // Lists that page (‹ ›, "n of m") and per-member limits.
  lists: {
    pageOf: (page: number, pages: number) => `Page ${page} of ${pages}`,
    previous: "‹",
    next: "›",
    capReached:
      "You already have as many upcoming meetings as one member may hold. Cancel or move one in /mybookings, then book again.",
    cancelOnlyTitle:
      "Your access has been closed, so you can't book or move meetings. You can still cancel the ones you hold:",
    moveNeedsAccess: "Your access has been closed: a meeting can no longer be moved, only cancelled.",
  },
  // Requests the sponsor confirms or declines; several durations; what the calendar allows.
  confirmations: {
    requested: (when: string, zone: string) =>
      `📨 Request sent to your sponsor: ${when} (${zone}).\n\nYour sponsor confirms this kind of meeting personally. You'll hear back here; until then the time is not booked. /mybookings shows your meetings.`,
    moveRequested: (from: string, when: string, zone: string) =>
      `📨 Move sent to your sponsor: from ${from} to ${when} (${zone}).\n\nYour sponsor confirms the new time personally; you'll hear back here.`,
    confirmed: (s: BookingResult) =>
      `✅ Your sponsor confirmed the meeting!\n\n📅 ${s.when}\n🌍 ${s.zone}\n⏱ ${s.duration} min\n📍 ${s.how}\n\nI'll remind you before it starts. /mybookings shows your meetings.`,
    declined: (when: string, reason: string | undefined) =>
      `❌ Your sponsor declined the meeting on ${when}.${reason ? `\n\nReason: ${reason}` : ""}\n\n/book to pick another time.`,
    awaitingItem: (when: string, zone: string) =>
      `• ${when} (${zone}) — ⏳ awaiting your sponsor's confirmation`,
    cannotMoveYet:
      "That meeting still awaits your sponsor's confirmation, so it can't be moved yet. You can cancel it.",
    adminRequest: (a: AdminBookingNotice) =>
      `📨 Booking request: ${a.name}\n${a.when} (your time)\nMember's time zone: ${a.zone}\n\nConfirm or decline:`,
    adminMoveRequest: (a: AdminBookingNotice & { from: string }) =>
      `📨 Move request: ${a.name}\n${a.from} → ${a.when} (your time)\nMember's time zone: ${a.zone}\n\nConfirm or decline:`,
    confirmButton: "✅ Confirm",
    declineButton: "❌ Decline",
    skipReason: "No reason",
    keepButton: "↩️ Don't decline",
    askReason: (name: string, when: string) =>
      `Decline the request: ${name}, ${when} (your time).\n\nSend the reason in one message — the member will see it — or tap “No reason”.`,
    notDeclined: "Not declined: the request still waits for a decision.",
    doneConfirmed: (name: string, when: string) =>
      `✅ Confirmed: ${name}, ${when} (your time). The member was told.`,
    doneDeclined: (name: string, when: string) =>
      `❌ Declined: ${name}, ${when} (your time). The member was told.`,
    alreadyConfirmed: "This request was already confirmed.",
    alreadyDeclined: "This request was already declined.",
    alreadyGone: "This request no longer waits for a decision (the meeting was cancelled or moved).",
    forgotten:
      "The bot no longer keeps this request: the member deleted their data. If it still waits, confirm or decline it in Cal.com.",
    decideFailed: "The calendar isn't answering right now. Please try again in a minute.",
    decideForbidden:
      "Cal.com does not let this API key decide on this booking. Confirm or decline it in Cal.com.",
    adminConfirmed: (name: string, when: string, inCalcom: boolean) =>
      `✅ Confirmed${inCalcom ? " in Cal.com" : " by another admin"}: ${name}, ${when} (your time)`,
    adminDeclined: (name: string, when: string, inCalcom: boolean) =>
      `❌ Declined${inCalcom ? " in Cal.com" : " by another admin"}: ${name}, ${when} (your time)`,
    setupProblem:
      "That didn't work because of the calendar's setup. Please let your sponsor know; try again later.",
  },
  // Changes the sponsor made in Cal.com.
  sync: {
    cancelledByHost: (when: string, reason: string | undefined) =>
      `❌ Your meeting on ${when} was cancelled by your sponsor.${reason ? `\n\nReason: ${reason}` : ""}`,
    movedByHost: (from: string, to: string, zone: string) =>
      `🔁 Your sponsor moved your meeting.\n\nWas: ${from}\nNow: ${to}\n🌍 ${zone}\n\nReminders will follow the new time.`,
    rescheduleRequested: (when: string, reason: string | undefined) =>
      `🔁 Your sponsor asked you to pick a new time instead of your meeting on ${when}.${reason ? `\n\nYour sponsor writes: ${reason}` : ""}\n\nThe old time is no longer booked for you.`,
    bookAnother: "📅 Book another time",
    pickNewTime: "📅 Pick a new time",
    adminCancelled: (name: string, when: string) =>
      `❌ Cancelled in Cal.com: ${name}, ${when} (your time). The bot will tell the member.`,
    adminMoved: (name: string, from: string, to: string) =>
      `🔁 Moved in Cal.com: ${name}\n${from} → ${to} (your time). The bot will tell the member.`,
    adminRescheduleRequested: (name: string, when: string) =>
      `🔁 New time requested in Cal.com: ${name}, ${when} (your time). The bot will ask the member to pick one.`,
  },
  // Event types with several lengths, the admins' per-member cap, and settings the bot cannot serve.
  durations: {
    pickLength: "How long should the meeting be?",
    lengthButton: (minutes: number) => `${minutes} min`,
    editLength: "Length",
    moveWouldChangeLength: (minutes: number) =>
      `This meeting lasts ${minutes} min, and Cal.com can only move a meeting to its standard length. To keep ${minutes} min, cancel it in /mybookings and book a new time.`,
    bookingClosed:
      "Booking is not possible right now: the sponsor's calendar needs a setting changed. The sponsor has been told.",
    limitUsage:
      "Usage: /limit <id> <minutes> — the longest meeting that member may book; /limit <id> off removes it.",
    limitSet: (id: number, minutes: number, allowed: readonly number[]) =>
      `ID ${id} may now book meetings up to ${minutes} min (${allowed.join(", ")} min).`,
    limitCleared: (id: number) => `ID ${id} may book every length again.`,
    limitNotSet: (id: number) => `ID ${id} had no length limit.`,
    limitNotMember: (id: number) => `ID ${id} is not an approved member.`,
    limitLengthsUnknown:
      "Cal.com has not answered since the bot started, so the meeting lengths are not known yet. Try again once the calendar answers.",
    limitSingleLength: (minutes: number) =>
      `The event type offers one length (${minutes} min): there is nothing to limit.`,
    limitBelowShortest: (lengths: readonly number[]) =>
      `The shortest length offered is ${lengths[0]} min (offered: ${lengths.join(", ")} min); a limit must be at least that.`,
    limitsTitle: (count: number) => `Length limits (${count}):`,
    limitsItem: (id: number, name: string | null, minutes: number) =>
      `• ${name ? `${name}, ` : ""}ID ${id} — up to ${minutes} min`,
    limitsNone: "No member has a length limit. /limit <id> <minutes> sets one.",
    usersCap: (minutes: number) => ` (meetings up to ${minutes} min)`,
    helpAdmin:
      "Meeting lengths:\n/limit <id> <minutes> — the longest meeting a member may book (/limit <id> off removes it)\n/limits — members with a limit",
    refusedHeading:
      "⚠️ Members cannot book: the Cal.com event type has settings the bot cannot serve. Change them in Cal.com and restart the bot:",
    refusal: (code: RefusalCode, detail: string) => {
      switch (code) {
        case "requiredQuestion":
          return `• a required booking question “${detail}” the bot does not ask — Event Types → the event → Advanced → Booking questions: make it optional`;
        case "emailVerification":
          return "• booker email verification — Event Types → the event → Advanced: turn off “Requires booker email verification”";
        case "seats":
          return "• seats — Event Types → the event → Advanced: turn off “Offer seats”";
        case "recurring":
          return "• a recurring event — Event Types → the event → Recurring: turn off “Recurring event”";
      }
    },
  },
  // Cal.com's real answers: writes left open after an ambiguous try, Cal.com unreachable at start-up.
  calendar: {
    stillAnswering:
      "⏳ The calendar is still answering. I'll write here as soon as it's clear whether you're booked — usually within a couple of minutes. No need to tap anything.",
    stillAnsweringMove:
      "⏳ The calendar is still answering. I'll write here as soon as it's clear whether the meeting is moved — usually within a couple of minutes. No need to tap anything.",
    stillAnsweringCancel:
      "⏳ The calendar is still answering. I'll write here as soon as it's clear whether the meeting is cancelled — usually within a couple of minutes. No need to tap anything.",
    previousOpen:
      "⏳ The calendar is still answering about your previous booking. Please wait for its answer (a few minutes), then book again.",
    notApplied: (action: "create" | "reschedule" | "cancel", when: string, taken: boolean) => {
      const what =
        action === "create"
          ? `Your booking for ${when} was not made`
          : action === "reschedule"
            ? `Your meeting was not moved to ${when}`
            : `Your meeting on ${when} was not cancelled`;
      const why = taken ? "someone else took that time meanwhile" : "the calendar never confirmed it";
      // A move or a cancel is tried again on the meeting (/mybookings); /book would make another.
      const next =
        action === "create" ? "Please pick a time again: /book." : "Please try again in /mybookings.";
      return `${what}: ${why}. ${next}`;
    },
    meetingTitle: "Meeting",
    unreachableAtStart:
      "⚠️ The bot has started, but Cal.com isn't answering. Access, admin commands, /mybookings and reminders work; booking and moving start working by themselves once Cal.com answers.",
    unreachableFirstStart:
      "⚠️ The bot has started for the first time while Cal.com isn't answering, so the event type is not known yet. Access and admin commands work; booking starts working by itself once Cal.com answers.",
    reachableAgain: "✅ Cal.com is answering again: booking works.",
  },
  // What the bot keeps and how to erase it.
  privacy: {
    button: "🔒 Privacy",
    forgetEmailButton: "✉️ Forget my email",
    forgetZoneButton: "🌍 Forget my time zone",
    deleteAllButton: "🗑 Delete everything",
    languageName: { ru: "Russian", en: "English" },
    languageNotSaved: "not saved",
    report: (v: PrivacyView) =>
      [
        "🔒 What the bot keeps about you",
        "",
        ...(v.access.kind === "pending" || v.access.kind === "rejected" || v.access.kind === "none"
          ? [
              "When you ask for access, the bot stores your Telegram ID, your name and @username as Telegram shows them, your language, when you asked and the admin's decision. The admins get a message with your name, @username and ID.",
              "",
              "Stored now:",
            ]
          : []),
        `• Telegram ID ${v.id}; name: ${v.person ?? "none stored"}`,
        `• Language: ${v.language}`,
        `• Time zone: ${v.zone ?? "not saved"}`,
        `• Email: ${v.email ?? "not remembered"}`,
        `• Bookings made through the bot: ${v.upcoming} upcoming, ${v.past} past or cancelled`,
        `• Reminders: ${v.remindersBlocked ? "some could not reach you (the bot was blocked)" : "sent to you here in Telegram"}`,
        ...(v.fallbackTag ? ["• A random tag for your sponsor's mailbox, used when you skip email"] : []),
        ...(v.lengthCap !== null ? [`• A limit the admin set: meetings up to ${v.lengthCap} min`] : []),
        ...(v.writeOpen
          ? [
              "• A booking, move or cancellation the calendar has not answered yet (its answer will come here)",
            ]
          : []),
        ...(v.declinePromptOpen
          ? [
              "• Your open question on why you decline a booking request: your next message becomes the reason",
            ]
          : []),
        `• ${enAccess(v.access)}`,
        "",
        "What Cal.com receives with a booking: the name and email you give (or, if you skip email, your sponsor's mailbox with a random tag that says nothing about you), your time zone, your language and a random reference. Never your Telegram ID or username. Cal.com keeps its own copy of bookings, cancelled ones too.",
        "",
        "The bot's logs name you by a pseudonym, never by your ID, name or email, and hold none of your messages.",
      ].join("\n"),
    emailForgotten: "Done: your email is forgotten. Next time I'll ask for it again.",
    zoneForgotten: "Done: your time zone is forgotten. Next time I'll ask which one you are in.",
    nothingToForget: "There was nothing to forget.",
    waitForOpenWrite:
      "⏳ The calendar is still answering about your booking or its change. You can delete everything once its answer has come (usually within a couple of minutes); otherwise the meeting could stay on your sponsor's calendar without the bot knowing of it.",
    deleteAsk:
      "Delete everything the bot keeps about you? Your preferences, booking records, dialogs and your access go; to use the bot again you would ask for access again. Only the admin log keeps your ID and the admin's decision.",
    deleteAskWithBookings: (n: number, list: string) =>
      `You have ${n === 1 ? "1 upcoming meeting" : `${n} upcoming meetings`}:\n${list}\n\nThe bot cancels nothing at Cal.com unless you say so. Kept meetings stay on your sponsor's calendar, but the bot forgets them: no reminders, and you can't move or cancel them here.\n\nDelete everything the bot keeps about you? To use the bot again you would ask for access again. Only the admin log keeps your ID and the admin's decision.`,
    cancelAndDeleteButton: (n: number) =>
      n === 1 ? "Cancel the meeting, delete all" : `Cancel ${n} meetings, delete all`,
    keepAndDeleteButton: "Keep meetings, delete the rest",
    yesDeleteButton: "Yes, delete everything",
    notDeleted: "OK, nothing was deleted.",
    deleted:
      "Done: everything the bot kept about you is deleted. You are a stranger to it now; send /start if you want to ask for access again.",
    deletedAfterCancel: (n: number) =>
      `${n === 1 ? "Your meeting is cancelled" : `Your ${n} meetings are cancelled`} at Cal.com, and everything the bot kept about you is deleted. You are a stranger to it now; send /start if you want to ask for access again.`,
    cancelFailed: (when: string) =>
      `I couldn't cancel the meeting on ${when}: the calendar isn't answering. Nothing was deleted — please try again in a minute.`,
    bookingsChanged: "Your meetings changed in the meantime. Please look again:",
    adminErased: (who: string) =>
      `🗑 ${who} deleted everything the bot kept about them; to use the bot again they would ask for access.`,
    adminCancelledForErase: (n: number) => `They cancelled ${n === 1 ? "1 meeting" : `${n} meetings`} first.`,
    summarySavedZone: "🌍 This is your saved time zone; “Change time zone” picks another.",
    summaryRememberedEmail:
      "✉️ This is your remembered email; “Change email” gives another, /privacy forgets it.",
    changeEmailButton: "✉️ Change email",
    whoisUsage: "Give a pseudonym from the logs or a numeric Telegram ID: /whois <pseudonym> or /whois <id>",
    whoisFound: (v: WhoisView) =>
      `${v.pseudonym} is ${v.person ?? "someone with no stored name"}, ID ${v.id} — ${v.standing}.`,
    whoisNone: (pseudonym: string) =>
      `No one the bot knows has the pseudonym ${pseudonym}. Someone who deleted their data can only be looked up by ID: /whois <id>.`,
    whoisId: (v: WhoisView) =>
      `ID ${v.id} appears in the logs as ${v.pseudonym}.\n${v.person ?? "No name stored"} — ${v.standing}.`,
    standing: {
      admin: "admin",
      member: "approved member",
      revoked: "access revoked",
      pending: "access request waiting",
      rejected: "access request declined",
      unknown: "not known to the bot",
    },
  },
  // One-time invite links.
  invites: {
    created: (link: string, note: string | null, until: string) =>
      `One-time invitation${note ? ` (${note})` : ""}, valid until ${until}:\n\n${link}\n\nSend it to one person. Whoever opens it first gets access at once, and you'll be told who it was; then it stops working. /invites lists open invitations.`,
    listNone: "No open invitations. /invite [note] creates one.",
    listTitle: (n: number) => `Open invitations: ${n}`,
    listItem: (v: InviteView) =>
      `${v.n}. ${v.note ?? "no note"} — created ${v.createdAt}, valid until ${v.expiresAt}`,
    listMore: (n: number) => `…and ${n} more (revoke the ones above first).`,
    revokeButton: (n: number) => `✖️ Revoke ${n}`,
    revoked: "Invitation revoked.",
    notOpen: "That invitation is already used, expired or revoked.",
    invalid: "This invitation is no longer valid.",
    welcome: (name: string) =>
      `Welcome, ${name}! Your sponsor's invitation let you in. What would you like to do?`,
    usedBy: (who: string, note: string | null) =>
      `✅ Your invitation${note ? ` (${note})` : ""} was used by ${who}, who has access now. /revoke <id> if that is not who you meant.`,
    profileDescription:
      "This bot books one-to-one meetings with your sponsor on their calendar: pick your time zone and a free time, and get reminders here in Telegram. It is for fellowship members the sponsor knows: the sponsor approves everyone first (send /start to ask, or open an invitation link). Cal.com gets only the name and email you choose, never your Telegram ID. /privacy shows what the bot keeps.",
    profileShortDescription:
      "Book meetings with your sponsor. For fellowship members the sponsor has approved.",
  },
  // Admin /stats.
  stats: {
    report: (v: StatsView) =>
      [
        "📊 How the bot is used (counts only)",
        "",
        `Members: ${v.approved} approved, ${v.pending} waiting for a decision, ${v.revoked} revoked`,
        `Upcoming bookings: ${v.upcoming}`,
        "",
        "Last 7 days / last 30 days:",
        `• bookings made through the bot: ${v.made[0]} / ${v.made[1]}`,
        `• cancelled by members: ${v.cancelledByMembers[0]} / ${v.cancelledByMembers[1]}`,
        `• cancelled by you in Cal.com: ${v.cancelledBySponsor[0]} / ${v.cancelledBySponsor[1]}`,
        `• moved by members: ${v.movedByMembers[0]} / ${v.movedByMembers[1]}`,
        `• moved by you in Cal.com: ${v.movedBySponsor[0]} / ${v.movedBySponsor[1]}`,
        `• reminders delivered: ${v.remindersSent[0]} / ${v.remindersSent[1]}`,
        "",
        `Members who blocked the bot (a reminder could not reach them, last 30 days): ${v.blockedUsers}`,
      ].join("\n"),
  },
};

function enAccess(a: PrivacyView["access"]): string {
  switch (a.kind) {
    case "admin":
      return "Your access: admin (set in the bot's configuration)";
    case "member":
      return "Your access: approved; the admin log keeps your ID and the admin's decision";
    case "pending":
      return `Your access request: waiting for the admin since ${a.since}`;
    case "rejected":
      return "Your access request: declined";
    case "none":
      return "Your access: none";
  }
}
