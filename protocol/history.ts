/**
 * A team's history: its closed conversations, newest closed first, paged with an opaque
 * cursor and filtered by agent, label, visitor, date range and words of the transcript
 * (SQLite FTS5 in the TeamDO). Agents of the team read it with their own token
 * (`GET /v1/sites/:site/teams/:team/history`); a closed conversation's whole transcript,
 * notes included, is `GET …/conversations/:id`; a lead reopens one with `POST …/reopen`.
 * Nothing here is reachable with a visitor's token.
 *
 * @example
 * historyQuerySchema.parse({ q: "parcel damaged", label: "refund", limit: "20" });
 */
import { z } from "zod";
import { Author, chatMessageSchema, epochMsSchema, idSchema } from "./common";

export const DEFAULT_HISTORY_PAGE = 20;
export const MAX_HISTORY_PAGE = 50;
/** Longest search text; words past the tenth are not searched for. */
export const MAX_SEARCH_CHARS = 200;
export const MAX_SEARCH_WORDS = 10;
/** Longest preview of a conversation's last line in a history entry. */
export const HISTORY_PREVIEW_CHARS = 140;

/** Where a page ends: the last entry's close time and id, as base64url JSON (opaque to clients). */
export const historyCursorSchema = z.strictObject({ at: epochMsSchema, id: z.string().min(1).max(64) });
export type HistoryCursor = z.infer<typeof historyCursorSchema>;

export function encodeHistoryCursor(cursor: HistoryCursor): string {
  return btoa(JSON.stringify([cursor.at, cursor.id]))
    .replaceAll("+", "-")
    .replaceAll("/", "_")
    .replace(/=+$/, "");
}

/** The cursor a client sent back, or null when it is not one this server made. */
export function decodeHistoryCursor(text: string): HistoryCursor | null {
  try {
    const json: unknown = JSON.parse(atob(text.replaceAll("-", "+").replaceAll("_", "/")));
    if (!Array.isArray(json)) return null;
    const parsed = historyCursorSchema.safeParse({ at: json[0], id: json[1] });
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

const cursorParamSchema = z
  .string()
  .max(200)
  .transform((text, ctx) => {
    const cursor = decodeHistoryCursor(text);
    if (!cursor) {
      ctx.addIssue({ code: "custom", message: "not a cursor this server gave; start from the first page" });
      return z.NEVER;
    }
    return cursor;
  });

const epochParamSchema = z.coerce.number().int().min(0);

/** The history's query string; every field optional. */
export const historyQuerySchema = z
  .strictObject({
    cursor: cursorParamSchema.optional(),
    limit: z.coerce.number().int().min(1).max(MAX_HISTORY_PAGE).default(DEFAULT_HISTORY_PAGE),
    /** Conversations this agent had or wrote in. */
    agent: idSchema.optional(),
    label: idSchema.optional(),
    visitor: z.string().min(1).max(64).optional(),
    /** Closed at or after (epoch ms). */
    from: epochParamSchema.optional(),
    /** Closed before (epoch ms). */
    to: epochParamSchema.optional(),
    /** Words of the transcript (messages and notes), all of them; the last may be a word's start. */
    q: z
      .string()
      .max(MAX_SEARCH_CHARS)
      .optional()
      .transform((q) => (q && q.trim() ? q.trim() : undefined)),
  })
  .refine((query) => query.from === undefined || query.to === undefined || query.from < query.to, {
    message: "must be after from",
    path: ["to"],
  });
export type HistoryQuery = z.infer<typeof historyQuerySchema>;

export const historyEntrySchema = z.object({
  id: z.string(),
  teamId: z.string(),
  visitorId: z.string(),
  visitorName: z.string(),
  state: z.enum(["queued", "assigned", "closed"]),
  createdAt: epochMsSchema,
  closedAt: epochMsSchema.nullable(),
  /** The agents who wrote in it (replies or notes), by name. */
  agents: z.array(z.object({ id: z.string(), name: z.string() })),
  labels: z.array(z.string()),
  messageCount: z.number().int().min(0),
  /** The last line the visitor or an agent wrote (not a system line, not a note). */
  lastMessage: z.object({ from: z.enum(Author), text: z.string(), at: epochMsSchema }).nullable(),
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

export const historyPageSchema = z.object({
  conversations: z.array(historyEntrySchema),
  /** Give it back as `cursor` for the next page; null: this was the last. */
  nextCursor: z.string().nullable(),
});
export type HistoryPage = z.infer<typeof historyPageSchema>;

/** A closed conversation read-only: its entry and its whole transcript, agents' notes included. */
export const transcriptSchema = z.object({
  conversation: historyEntrySchema,
  messages: z.array(chatMessageSchema),
});
export type Transcript = z.infer<typeof transcriptSchema>;

/** The answer to a reopen: where the policy put it (waiting, or at once with an agent). */
export const reopenedSchema = z.object({ ok: z.literal(true), state: z.enum(["queued", "assigned"]) });
export type Reopened = z.infer<typeof reopenedSchema>;
