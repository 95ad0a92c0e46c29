import type { Messages, RequestView } from "./ru.js";

const who = (r: RequestView) => `${r.name}${r.username ? ` (@${r.username})` : ""}, ID ${r.id}`;

/** English texts; same keys as ru.ts (enforced by the type and by a test). */
export const en: Messages = {
  buttons: {
    book: "📅 Book",
    myBookings: "🗓 My bookings",
    help: "❓ Help",
    approve: "✅ Approve",
    reject: "❌ Reject",
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
    pendingItem: (r: RequestView, requestedAt: string) => `• ${who(r)} — since ${requestedAt}\n  /approve ${r.id}  /reject ${r.id}`,
    usersNone: "No approved members yet.",
    usersTitle: (n: number) => `Approved members: ${n}`,
    usersItem: (r: RequestView, approvedAt: string) => `• ${who(r)} — since ${approvedAt}`,
    adminsOnly: "This command is for admins only.",
  },
  help: {
    stranger: "This bot books meetings with your sponsor. Send /start to request access.",
    user: "Commands:\n/book — book a meeting\n/mybookings — my bookings\n/cancel — leave the current dialog\n/help — this help",
    admin:
      "Admin commands:\n/pending — access requests\n/approve <id> — approve\n/reject <id> — reject\n/users — approved members\n/revoke <id> — revoke access\n\nAs a member:\n/book — book a meeting\n/mybookings — my bookings\n/cancel — leave the current dialog",
  },
  commands: {
    start: "Start",
    book: "Book a meeting",
    mybookings: "My bookings",
    cancel: "Leave the dialog",
    help: "Help",
    pending: "Access requests",
    users: "Approved members",
    approve: "Approve: /approve <id>",
    reject: "Reject: /reject <id>",
    revoke: "Revoke access: /revoke <id>",
  },
  common: {
    somethingWrong: "Something went wrong on our side. Please try again in a minute.",
    staleButton: "This button is no longer active.",
    unknownCommand: "I don't know that command. /help lists what I can do.",
    useButtonsOrHelp: "I understand commands and buttons. /help shows what I can do.",
    slowDown: "Too many messages in a row — please slow down a little.",
    done: "Done.",
  },
};
