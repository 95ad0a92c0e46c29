import { CalcomError } from "../../../calcom/errors.js";

/** A JSON-safe name for what went wrong (the conversation log cannot hold Error objects). */
export function failureKind(err: unknown): string {
  return err instanceof CalcomError ? err.kind : "unavailable";
}
