/**
 * Building blocks shared by the HTTP bodies and the WebSocket frames: ids, the views of a
 * message, a conversation and an agent as clients see them.
 */
import { z } from "zod";
import { attachmentRefSchema } from "./attachments";
import { ID_PATTERN, MAX_CLIENT_ID_CHARS, MAX_MESSAGE_CHARS } from "./limits";

export const idSchema = z
  .string()
  .regex(ID_PATTERN, "must be 1-63 of a-z, 0-9, _ and -, starting with a letter or digit");
export const clientIdSchema = z.string().min(1).max(MAX_CLIENT_ID_CHARS);
/** Message text: trimmed of nothing (what the visitor typed is what is stored), never empty. */
export const messageTextSchema = z
  .string()
  .max(MAX_MESSAGE_CHARS, `must be at most ${MAX_MESSAGE_CHARS} characters`)
  .refine((text) => text.trim().length > 0, "must not be empty");
/** The text of a message that carries files: may be empty, else as `messageTextSchema`. */
export const captionTextSchema = z
  .string()
  .max(MAX_MESSAGE_CHARS, `must be at most ${MAX_MESSAGE_CHARS} characters`);
export const seqSchema = z.number().int().min(0);
export const epochMsSchema = z.number().int().min(0);

/** Presence of an agent; defined once, used as values and as a type. */
export const PresenceStatus = { online: "online", away: "away", offline: "offline" } as const;
export type PresenceStatus = (typeof PresenceStatus)[keyof typeof PresenceStatus];
export const presenceStatusSchema = z.enum(PresenceStatus);

/**
 * Who wrote a message. A `note` is an agent's private note: stored in the transcript with its
 * own seq so agents see it in place, but never sent to the visitor, in a visitor's history, an
 * export or a webhook (the team's message store leaves notes out unless asked for agents).
 */
export const Author = { visitor: "visitor", agent: "agent", system: "system", note: "note" } as const;
export type Author = (typeof Author)[keyof typeof Author];

/** Where a conversation is in its life. */
export const ConversationState = { queued: "queued", assigned: "assigned", closed: "closed" } as const;
export type ConversationState = (typeof ConversationState)[keyof typeof ConversationState];
export const conversationStateSchema = z.enum(ConversationState);

export const chatMessageSchema = z.object({
  conversationId: z.string(),
  seq: seqSchema,
  /** Present on messages the visitor or an agent sent; lets the sender match its ack. */
  clientId: clientIdSchema.optional(),
  from: z.enum(Author),
  /** The agent who wrote it, for `from: "agent"` and `from: "note"`. */
  agentId: z.string().optional(),
  /** Display name of the author (agent name, visitor label); absent for system messages. */
  authorName: z.string().optional(),
  text: z.string(),
  at: epochMsSchema,
  /** Files sent with the message (its text may then be empty). */
  attachments: z.array(attachmentRefSchema).optional(),
});
export type ChatMessage = z.infer<typeof chatMessageSchema>;

export const conversationSummarySchema = z.object({
  id: z.string(),
  teamId: z.string(),
  visitorId: z.string(),
  visitorName: z.string(),
  state: conversationStateSchema,
  agentId: z.string().nullable(),
  createdAt: epochMsSchema,
  /** Highest message seq so far; clients compare it with what they hold. */
  lastSeq: seqSchema,
  lastMessage: z.object({ from: z.enum(Author), text: z.string(), at: epochMsSchema }).nullable(),
  /** When the visitor last wrote without an answer since; null once answered. */
  waitingSince: epochMsSchema.nullable(),
  page: z.string().nullable(),
  locale: z.string().nullable(),
  /** Queue order inputs, for the queue view. */
  priority: z.number().int().min(0),
  tier: z.number().int().min(1).max(3),
  /** 1-based place in the queue while queued. */
  position: z.number().int().min(1).nullable(),
  /** Left through the offline form outside business hours (reply by email). */
  offline: z.boolean(),
  /** From the agent who transferred it here. */
  transferNote: z.string().nullable(),
  /** Ids from the team's label list (`protocol/labels.ts`); always sent by the server. */
  labels: z.array(z.string()).optional(),
  visitor: z.object({
    name: z.string(),
    email: z.string().optional(),
    userId: z.string().optional(),
    /** Signed by the site's backend. */
    verified: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
    /** Set by the page without a valid signature: for information only. */
    hints: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
    country: z.string().optional(),
    timeZone: z.string().optional(),
    /** Earlier conversations of this visitor in this team. */
    previousConversations: z.number().int().min(0),
  }),
});
export type ConversationSummary = z.infer<typeof conversationSummarySchema>;

export const agentSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  status: presenceStatusSchema,
  open: z.number().int().min(0),
  limit: z.number().int().min(0),
});
export type AgentSummary = z.infer<typeof agentSummarySchema>;
