/** The Bot API as data (see spec/generate.ts): methods, their fields, types and subtypes. */
import { readFileSync } from "node:fs";

export interface FieldSpec {
  name: string;
  /** e.g. ["Integer", "String"], ["Array of MessageEntity"], ["InputFile", "String"] */
  types: string[];
  required: boolean;
  /** Discriminator value of a subtype ("chat" for BotCommandScopeChat.type). */
  const?: string;
}

export interface MethodSpec {
  returns: string[];
  fields: FieldSpec[];
}

export interface TypeSpec {
  fields: FieldSpec[];
  subtypes?: string[];
}

export interface ApiSpec {
  version: string;
  release_date: string;
  methods: Record<string, MethodSpec>;
  types: Record<string, TypeSpec>;
}

let cached: ApiSpec | undefined;
let byLowerName: Map<string, string> | undefined;

export function apiSpec(): ApiSpec {
  if (!cached) {
    const url = new URL("./spec/bot-api.compact.json", import.meta.url);
    cached = JSON.parse(readFileSync(url, "utf8")) as ApiSpec;
  }
  return cached;
}

/** Telegram method names are case-insensitive; returns the canonical name or undefined. */
export function canonicalMethodName(name: string): string | undefined {
  if (!byLowerName) {
    byLowerName = new Map(Object.keys(apiSpec().methods).map((m) => [m.toLowerCase(), m]));
  }
  return byLowerName.get(name.toLowerCase());
}

/** Update kinds (every optional field of Update). */
export function updateTypes(): string[] {
  const update = apiSpec().types.Update;
  return (update?.fields ?? []).map((f) => f.name).filter((n) => n !== "update_id");
}

/** Telegram's default when allowed_updates is empty or never set. */
export function defaultAllowedUpdates(): string[] {
  const excluded = new Set(["chat_member", "message_reaction", "message_reaction_count"]);
  return updateTypes().filter((t) => !excluded.has(t));
}
