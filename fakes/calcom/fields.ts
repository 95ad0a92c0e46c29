import { badRequest, MESSAGES } from "./envelope.js";
import type { FakeEventType } from "./types.js";

/**
 * BookingsService_2024_08_13.hasRequiredBookingFieldsResponses (B/services/bookings.service.ts):
 * only custom (non-system) fields are checked, `hidden` is not looked at, null counts as missing,
 * then each given value is type-checked against the field type and its options.
 */
export function checkBookingFieldsResponses(
  et: FakeEventType,
  responses: Record<string, unknown>,
  phoneNumber: string | undefined,
): void {
  const given: Record<string, unknown> = {
    ...responses,
    attendeePhoneNumber: phoneNumber,
    smsReminderNumber: phoneNumber,
  };
  for (const field of et.bookingFields) {
    const value = given[field.slug];
    if (field.required && (value === null || value === undefined)) {
      if (field.slug === "attendeePhoneNumber" || field.slug === "smsReminderNumber") {
        throw badRequest(MESSAGES.missingPhone);
      }
      throw badRequest(MESSAGES.missingField(field.slug, et.id));
    }
    if (value === undefined) continue;
    const actual = typeof value;
    let expected = "";
    let valid = true;
    switch (field.type) {
      case "phone":
      case "address":
      case "text":
      case "textarea":
      case "url":
        expected = "string";
        valid = actual === "string";
        break;
      case "number":
        expected = "number";
        valid = actual === "number";
        break;
      case "boolean":
        expected = "boolean";
        valid = actual === "boolean";
        break;
      case "multiemail":
        expected = "array";
        valid = Array.isArray(value);
        break;
      case "select":
      case "radio":
        expected = "string or number";
        valid = actual === "string" || actual === "number";
        if (valid && field.options?.length && !field.options.includes(String(value))) {
          throw badRequest(
            `Invalid option '${String(value)}' for booking field '${field.slug}'. Allowed options are: ${field.options.join(", ")}.`,
          );
        }
        break;
      case "multiselect":
      case "checkbox":
        expected = "array";
        valid = Array.isArray(value);
        if (
          valid &&
          field.options?.length &&
          !(value as unknown[]).every((v) => field.options?.includes(String(v)))
        ) {
          throw badRequest(
            `One or more invalid options for booking field '${field.slug}'. Allowed options are: ${field.options.join(", ")}.`,
          );
        }
        break;
    }
    if (!valid) {
      throw badRequest(
        `Invalid type for booking field '${field.slug}'. Expected type ${expected} (compatible with field type '${field.type}'), but received ${actual}.`,
      );
    }
  }
}
