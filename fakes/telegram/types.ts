/**
 * Loose JSON shapes used inside the fake. The fake deals in Telegram JSON; where tests get objects
 * back, they are typed with grammY's own types (grammy/types) at the edges.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface Entity {
  type: string;
  offset: number;
  length: number;
  url?: string;
  language?: string;
  user?: JsonObject;
  custom_emoji_id?: string;
  unix_time?: number;
  date_time_format?: string;
}

export interface FormattedText {
  text: string;
  entities: Entity[];
}

export interface TgUser {
  id: number;
  is_bot: boolean;
  first_name: string;
  last_name?: string;
  username?: string;
  language_code?: string;
  is_premium?: true;
}

export interface InlineButton {
  text: string;
  callback_data?: string;
  url?: string;
  [key: string]: Json | undefined;
}

export interface InlineKeyboard {
  inline_keyboard: InlineButton[][];
}
