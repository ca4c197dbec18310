/**
 * Frames on the visitor's socket (widget <-> TeamDO). Every frame in is parsed with
 * `visitorFrameInSchema`; every frame out is built to satisfy `VisitorFrameOut`.
 */
import { z } from "zod";
import {
  captionTextSchema,
  chatMessageSchema,
  clientIdSchema,
  conversationStateSchema,
  epochMsSchema,
  messageTextSchema,
  seqSchema,
} from "./common";
import { errorFrameSchema } from "./error-frame";
import { attachmentIdsSchema } from "./attachments";

/** Text, files or both: a message with files may have no text, one without files may not. */
export function textOrFiles(frame: { text: string; attachments?: string[] }): boolean {
  return frame.attachments !== undefined || frame.text.trim().length > 0;
}
const textOrFilesIssue = { message: "must not be empty", path: ["text"] };

// ---- visitor -> server ----

/** First frame after connecting: the highest seq the widget already holds (0 if none). */
export const visitorHelloSchema = z.strictObject({ type: z.literal("hello"), lastSeq: seqSchema });
/** A message the visitor wrote; resent with the same clientId until acked. */
export const visitorMessageSchema = z
  .strictObject({
    type: z.literal("message"),
    clientId: clientIdSchema,
    text: captionTextSchema,
    /** Files uploaded first by this visitor (`POST …/attachments`), by id. */
    attachments: attachmentIdsSchema.optional(),
  })
  .refine(textOrFiles, textOrFilesIssue);
export const visitorTypingSchema = z.strictObject({ type: z.literal("typing"), on: z.boolean() });
export const visitorReadSchema = z.strictObject({ type: z.literal("read"), seq: seqSchema });
/** The visitor ends the conversation. */
export const visitorCloseSchema = z.strictObject({ type: z.literal("close") });
/** Outside hours with an offline form: leaves an email and a message for the agents. */
export const visitorOfflineMessageSchema = z.strictObject({
  type: z.literal("offline"),
  clientId: clientIdSchema,
  email: z.email().max(254),
  name: z.string().max(100).optional(),
  text: messageTextSchema,
});

export const visitorFrameInSchema = z.discriminatedUnion("type", [
  visitorHelloSchema,
  visitorMessageSchema,
  visitorTypingSchema,
  visitorReadSchema,
  visitorCloseSchema,
  visitorOfflineMessageSchema,
]);
export type VisitorFrameIn = z.infer<typeof visitorFrameInSchema>;

// ---- server -> visitor ----

/** An agent as visitors see them. */
export const visitorAgentSchema = z.object({
  name: z.string(),
  /** One or two letters for an avatar. */
  initials: z.string().max(2),
});

export const visitorConversationSchema = z.object({
  id: z.string(),
  state: conversationStateSchema,
  lastSeq: seqSchema,
  /** The visitor's read pointer: messages after it are unread (badge and preview on any page). */
  readSeq: seqSchema,
  /** What the visitor is shown of the agent: a display name and avatar initials, no internal id. */
  agent: visitorAgentSchema.nullable(),
});

/** Answer to `hello`: the conversation (null before the first message) and what was missed. */
export const visitorWelcomeSchema = z.object({
  type: z.literal("welcome"),
  visitorId: z.string(),
  conversation: visitorConversationSchema.nullable(),
  /** Messages with seq > the hello's lastSeq, oldest first. */
  messages: z.array(chatMessageSchema),
  /**
   * A single-use ticket for this visitor's next reconnect to `connectPath` without a session
   * request (`RESUME_TICKET_TTL_SECONDS`); memory only. Refused (spent, expired): open a session.
   */
  resume: z.object({ ticket: z.string(), expiresAt: epochMsSchema }).optional(),
});
export const messageFrameSchema = chatMessageSchema.extend({ type: z.literal("message") });
/** The server stored the message sent with `clientId` as `seq`. */
export const visitorAckSchema = z.object({
  type: z.literal("ack"),
  clientId: clientIdSchema,
  conversationId: z.string(),
  seq: seqSchema,
});
export const VisitorStatus = {
  new: "new",
  queued: "queued",
  assigned: "assigned",
  away: "away",
  closed: "closed",
} as const;
export const visitorStatusSchema = z.object({
  type: z.literal("status"),
  state: z.enum(VisitorStatus),
  /** 1-based place in the queue, while queued. */
  position: z.number().int().min(1).optional(),
  etaSeconds: z.number().int().min(0).optional(),
  agent: z
    .object({
      name: z.string(),
      initials: z.string().max(2).optional(),
      replySeconds: z.number().int().min(0).optional(),
      /** `replySeconds` in the visitor's words and language ("a few minutes"), as the team's lines say it. */
      replyTime: z.string().optional(),
    })
    .optional(),
  /** Next opening time, while away. */
  opensAt: epochMsSchema.optional(),
  /** Outside hours: the team takes an offline message (email + text) instead of queueing. */
  offlineForm: z.boolean().optional(),
  /** The team's sentence for this state, in the visitor's language (its templates). */
  text: z.string().optional(),
  /** Closed: the conversation that ended, for its transcript (`GET …/transcript`). */
  conversationId: z.string().optional(),
  /** Closed: the team asks the visitor to rate it (CSAT on, not rated yet, within the window). */
  rate: z.boolean().optional(),
});
export const visitorTypingOutSchema = z.object({
  type: z.literal("typing"),
  on: z.boolean(),
  name: z.string().optional(),
});

export const visitorFrameOutSchema = z.discriminatedUnion("type", [
  visitorWelcomeSchema,
  messageFrameSchema,
  visitorAckSchema,
  visitorStatusSchema,
  visitorTypingOutSchema,
  errorFrameSchema,
]);
export type VisitorFrameOut = z.infer<typeof visitorFrameOutSchema>;
