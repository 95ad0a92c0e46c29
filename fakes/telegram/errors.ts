/**
 * Telegram Bot API error replies, worded like api.telegram.org (tdlib/telegram-bot-api Client.cpp:
 * `fail_query_with_error` prefixes "Bad Request: " / "Forbidden: " and lower-cases the first letter).
 */

export interface ResponseParameters {
  retry_after?: number;
  migrate_to_chat_id?: number;
}

/** An `ok:false` answer. Thrown by method handlers, turned into the JSON reply by the server. */
export class TelegramApiError extends Error {
  constructor(
    readonly error_code: number,
    readonly description: string,
    readonly parameters?: ResponseParameters,
  ) {
    super(`${error_code}: ${description}`);
    this.name = "TelegramApiError";
  }

  toJSON(): { ok: false; error_code: number; description: string; parameters?: ResponseParameters } {
    return this.parameters
      ? { ok: false, error_code: this.error_code, description: this.description, parameters: this.parameters }
      : { ok: false, error_code: this.error_code, description: this.description };
  }
}

export const badRequest = (what: string): TelegramApiError =>
  new TelegramApiError(400, `Bad Request: ${what}`);
export const forbidden = (what: string): TelegramApiError => new TelegramApiError(403, `Forbidden: ${what}`);
export const tooManyRequests = (retryAfter: number): TelegramApiError =>
  new TelegramApiError(429, `Too Many Requests: retry after ${retryAfter}`, { retry_after: retryAfter });

/** The exact descriptions the bot is expected to recognise. */
export const Descriptions = {
  unauthorized: "Unauthorized",
  notFound: "Not Found",
  chatNotFound: "Bad Request: chat not found",
  chatIdEmpty: "Bad Request: chat_id is empty",
  textEmpty: "Bad Request: message text is empty",
  textTooLong: "Bad Request: message is too long",
  captionTooLong: "Bad Request: message caption is too long",
  notModified:
    "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message",
  messageToEditNotFound: "Bad Request: message to edit not found",
  messageToDeleteNotFound: "Bad Request: message to delete not found",
  messageCantBeEdited: "Bad Request: message can't be edited",
  messageCantBeDeleted: "Bad Request: message can't be deleted for everyone",
  messageIdNotSpecified: "Bad Request: message identifier is not specified",
  noTextToEdit: "Bad Request: there is no text in the message to edit",
  replyNotFound: "Bad Request: message to be replied not found",
  /** Client.cpp fail_query_with_error: Telegram's QUERY_ID_INVALID (expired, answered or unknown query). */
  queryTooOld: "Bad Request: query is too old and response timeout expired or query ID is invalid",
  buttonDataInvalid: "Bad Request: BUTTON_DATA_INVALID",
  textButtonsUnallowed:
    "Bad Request: can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard",
  /** tdlib ReplyMarkup.cpp: Telegram's REPLY_MARKUP_TOO_LONG, renamed by Client.cpp fail_query_with_error. */
  replyMarkupTooLong: "Bad Request: reply markup is too long",
  /** answerCallbackQuery text over 200 characters: Telegram's own MESSAGE_TOO_LONG, passed through. */
  callbackAnswerTooLong: "Bad Request: MESSAGE_TOO_LONG",
  /**
   * Text that is not valid UTF-8 (a lone UTF-16 surrogate after JSON decoding). tdlib MessageEntity.cpp
   * fix_formatted_text (texts and captions without parse_mode) and Td.cpp CLEAN_INPUT_STRING
   * (answerCallbackQuery text/url): "Strings must be encoded in UTF-8".
   */
  stringsNotUtf8: "Bad Request: strings must be encoded in UTF-8",
  /** The same with parse_mode: tdlib SynchronousRequests.cpp parseTextEntities checks first. */
  textNotUtf8: "Bad Request: text must be encoded in UTF-8",
  /** tdlib ReplyMarkup.cpp get_inline_keyboard_button. */
  inlineButtonTextNotUtf8: "Bad Request: inline keyboard button text must be encoded in UTF-8",
  inlineButtonUrlNotUtf8: "Bad Request: inline keyboard button URL must be encoded in UTF-8",
  /** tdlib KeyboardButton.cpp get_keyboard_button (reply keyboards). */
  keyboardButtonTextNotUtf8: "Bad Request: keyboard button text must be encoded in UTF-8",
  /** Client.cpp check_chat_access, basic groups (sending/editing). */
  botKickedFromGroup: "Forbidden: bot was kicked from the group chat",
  botNotMemberOfGroup: "Forbidden: bot is not a member of the group chat",
  /** Client.cpp check_chat_access, supergroups (any access when kicked or, if private, not a member). */
  botKickedFromSupergroup: "Forbidden: bot was kicked from the supergroup chat",
  botNotMemberOfSupergroup: "Forbidden: bot is not a member of the supergroup chat",
  blocked: "Forbidden: bot was blocked by the user",
  cantInitiate: "Forbidden: bot can't initiate conversation with a user",
  userDeactivated: "Forbidden: user is deactivated",
  conflictGetUpdates:
    "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running",
  conflictWebhook:
    "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
  internalServerError: "Internal Server Error",
  wrongAction: "Bad Request: wrong parameter action in request",
} as const;

/**
 * What `failNext` can inject: an API error reply (any code, with `parameters`), a raw HTTP answer
 * (e.g. nginx's HTML 502 page, which grammY reports as an HttpError), or a dropped connection.
 */
export type Fault =
  | { error_code: number; description: string; parameters?: ResponseParameters }
  | { http: { status: number; body: string; contentType?: string } }
  | { network: "reset" };

const nginxPage = (status: number, title: string): string =>
  `<html>\r\n<head><title>${status} ${title}</title></head>\r\n<body>\r\n<center><h1>${status} ${title}</h1></center>\r\n<hr><center>nginx/1.18.0</center>\r\n</body>\r\n</html>\r\n`;

/** Ready-made faults for `failNext`. */
export const Faults = {
  tooManyRequests: (retryAfter = 1): Fault => ({
    error_code: 429,
    description: `Too Many Requests: retry after ${retryAfter}`,
    parameters: { retry_after: retryAfter },
  }),
  internalServerError: (): Fault => ({ error_code: 500, description: Descriptions.internalServerError }),
  badGateway: (): Fault => ({
    http: { status: 502, body: nginxPage(502, "Bad Gateway"), contentType: "text/html" },
  }),
  gatewayTimeout: (): Fault => ({
    http: { status: 504, body: nginxPage(504, "Gateway Time-out"), contentType: "text/html" },
  }),
  networkReset: (): Fault => ({ network: "reset" }),
  blocked: (): Fault => ({ error_code: 403, description: Descriptions.blocked }),
  notModified: (): Fault => ({ error_code: 400, description: Descriptions.notModified }),
  messageToEditNotFound: (): Fault => ({ error_code: 400, description: Descriptions.messageToEditNotFound }),
  messageCantBeEdited: (): Fault => ({ error_code: 400, description: Descriptions.messageCantBeEdited }),
  queryTooOld: (): Fault => ({ error_code: 400, description: Descriptions.queryTooOld }),
  replyMarkupTooLong: (): Fault => ({ error_code: 400, description: Descriptions.replyMarkupTooLong }),
  botKickedFromGroup: (): Fault => ({ error_code: 403, description: Descriptions.botKickedFromGroup }),
} as const;
