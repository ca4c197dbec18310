/**
 * A team's business hours: a weekly schedule in the team's IANA time zone (several slots a
 * day for split shifts), dated exceptions (holidays, special hours) and what to do with a
 * visitor who writes while the team is closed. Validated by the admin API, stored by the
 * TeamDO and read by the pure clock in `core/hours`.
 *
 * Slots use the same shape and rules as agent shifts (`shiftScheduleSchema` in
 * `team-policy.ts`): "HH:MM" local times, and a slot whose end is not after its start runs
 * past midnight into the next day. A slot belongs to the date it starts on, so an exception
 * for a date replaces the slots that start that day.
 *
 * @example
 * const hours = businessHoursSchema.parse({
 *   timeZone: "Europe/Madrid",
 *   weekly: [
 *     { day: "mon", start: "09:00", end: "13:00" },
 *     { day: "mon", start: "14:00", end: "18:00" },
 *   ],
 *   exceptions: [{ date: "2025-12-25", slots: [] }],
 *   outsideHours: "offline-form",
 * });
 */
import { z } from "zod";
import { messageTextSchema } from "./common";
import { shiftScheduleSchema } from "./team-policy";

/** What a visitor who writes outside business hours gets. */
export const OutsideHours = {
  /** The conversation is accepted and waits in the queue for the opening. */
  queue: "queue",
  /** The widget shows a form for an email address and a message, kept for the agents. */
  offlineForm: "offline-form",
} as const;
export type OutsideHours = (typeof OutsideHours)[keyof typeof OutsideHours];

/** Most weekly slots (ten a day is already more split than any real team). */
export const MAX_WEEKLY_SLOTS = 70;
/** Most slots on one exception date. */
export const MAX_EXCEPTION_SLOTS = 10;
/** Most dated exceptions (a few years of holidays). */
export const MAX_HOURS_EXCEPTIONS = 400;

/** One weekly slot: `{ day: "mon", start: "09:00", end: "13:00" }`, the agent-shift window shape. */
export const weeklySlotSchema = shiftScheduleSchema.shape.windows.element;
export type WeeklySlot = z.infer<typeof weeklySlotSchema>;

/** One slot on an exception date: a weekly slot without its weekday. */
export const dateSlotSchema = weeklySlotSchema.omit({ day: true });
export type DateSlot = z.infer<typeof dateSlotSchema>;

/** A date in the team's zone that has its own hours: no slots means closed all day. */
export const hoursExceptionSchema = z.strictObject({
  /** Local calendar date in the team's zone, "YYYY-MM-DD". */
  date: z.iso.date().describe('Local calendar date in the team\'s zone, "YYYY-MM-DD".'),
  slots: z
    .array(dateSlotSchema)
    .max(MAX_EXCEPTION_SLOTS)
    .default([])
    .describe("The hours of that date instead of the weekly ones; empty: closed all day (a holiday)."),
  /** Shown to admins only, e.g. "Christmas". */
  label: z.string().max(100).optional().describe('Shown to admins only, e.g. "Christmas".'),
});
export type HoursException = z.infer<typeof hoursExceptionSchema>;

export const businessHoursSchema = z.strictObject({
  timeZone: shiftScheduleSchema.shape.timeZone.describe(
    "IANA time zone the hours are in, e.g. `Europe/Madrid` (daylight saving is followed).",
  ),
  /** Empty means the team opens only on exception dates that have slots. */
  weekly: z
    .array(weeklySlotSchema)
    .max(MAX_WEEKLY_SLOTS)
    .describe("Empty means the team opens only on exception dates that have slots."),
  exceptions: z
    .array(hoursExceptionSchema)
    .max(MAX_HOURS_EXCEPTIONS)
    .default([])
    .describe("Dates whose hours differ from the weekly ones: holidays (no slots) and special openings.")
    .superRefine((exceptions, ctx) => {
      // Two entries for one date would make "which hours apply" depend on array order.
      const seen = new Set<string>();
      exceptions.forEach((exception, index) => {
        if (seen.has(exception.date)) {
          ctx.addIssue({
            code: "custom",
            path: [index, "date"],
            message: `${exception.date} is listed twice`,
          });
        }
        seen.add(exception.date);
      });
    }),
  outsideHours: z
    .enum(OutsideHours)
    .default(OutsideHours.queue)
    .describe(
      "Outside the hours: `queue` (the chat waits for the opening) or `offline-form` (email and message for the agents).",
    ),
});
export type BusinessHours = z.infer<typeof businessHoursSchema>;
/** What an admin sends; `exceptions` and `outsideHours` get their defaults on parse. */
export type BusinessHoursInput = z.input<typeof businessHoursSchema>;

/** Longest email address (RFC 5321 path limit). */
export const MAX_EMAIL_CHARS = 254;

/** What the offline form sends while the team is closed and `outsideHours` is "offline-form". */
export const offlineFormSchema = z.strictObject({
  email: z.email().max(MAX_EMAIL_CHARS),
  text: messageTextSchema,
  /** How the visitor wants to be addressed, if they said. */
  name: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .optional()
    .describe("How the visitor wants to be addressed, if they said."),
});
export type OfflineForm = z.infer<typeof offlineFormSchema>;
