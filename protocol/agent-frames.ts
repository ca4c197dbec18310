/**
 * Frames on an agent's socket (panel <-> TeamDO). One socket per team the agent works in.
 */
import { z } from "zod";
import { attachmentIdsSchema } from "./attachments";
import {
  agentSummarySchema,
  captionTextSchema,
  chatMessageSchema,
  clientIdSchema,
  conversationSummarySchema,
  idSchema,
  messageTextSchema,
  presenceStatusSchema,
  seqSchema,
} from "./common";
import { csatRatingSchema, csatStatsSchema } from "./csat";
import { errorFrameSchema } from "./error-frame";
import { messageFrameSchema, textOrFiles } from "./visitor-frames";
import { ASSIGNED_TRANSCRIPT_MESSAGES } from "./limits";

const conversationIdSchema = z.string().min(1).max(64);

// ---- agent -> server ----

/** Ask for the snapshot again (sent after every connect). */
export const agentHelloSchema = z.strictObject({ type: z.literal("hello") });
export const agentPresenceSchema = z.strictObject({
  type: z.literal("presence"),
  status: presenceStatusSchema,
});
export const agentClaimSchema = z.strictObject({
  type: z.literal("claim"),
  conversationId: conversationIdSchema,
});
export const agentMessageSchema = z
  .strictObject({
    type: z.literal("message"),
    conversationId: conversationIdSchema,
    clientId: clientIdSchema,
    text: captionTextSchema,
    /** Files uploaded first by this agent for this conversation, by id. */
    attachments: attachmentIdsSchema.optional(),
  })
  .refine(textOrFiles, { message: "must not be empty", path: ["text"] });
/** A private note in one of my conversations: agents see it, the visitor never does. */
export const agentNoteSchema = z.strictObject({
  type: z.literal("note"),
  conversationId: conversationIdSchema,
  clientId: clientIdSchema,
  text: messageTextSchema,
});
export const agentTypingSchema = z.strictObject({
  type: z.literal("typing"),
  conversationId: conversationIdSchema,
  on: z.boolean(),
});
/** Messages of a conversation after `afterSeq` (0 for all), for the view and for resuming. */
export const agentHistorySchema = z.strictObject({
  type: z.literal("history"),
  conversationId: conversationIdSchema,
  afterSeq: seqSchema,
});
export const agentTransferSchema = z
  .strictObject({
    type: z.literal("transfer"),
    conversationId: conversationIdSchema,
    toAgentId: idSchema.optional(),
    toTeamId: idSchema.optional(),
    note: z.string().max(1000).optional(),
  })
  .refine((f) => (f.toAgentId === undefined) !== (f.toTeamId === undefined), {
    message: "give exactly one of toAgentId and toTeamId",
    path: ["toAgentId"],
  });
/**
 * I have seen a conversation up to `seq` (it is on my screen): my read pointer moves there
 * for every tab and device of mine. Panels send it once per burst, not per message.
 */
export const agentReadSchema = z.strictObject({
  type: z.literal("read"),
  conversationId: conversationIdSchema,
  seq: seqSchema,
});
/** Asks for the team's live figures (the team view of a lead's panel). */
export const agentStatsSchema = z.strictObject({ type: z.literal("stats") });
/** Moves a conversation up one support tier (L1 -> L2 -> L3). */
export const agentEscalateSchema = z.strictObject({
  type: z.literal("escalate"),
  conversationId: conversationIdSchema,
});
export const agentCloseSchema = z.strictObject({
  type: z.literal("close"),
  conversationId: conversationIdSchema,
});

export const agentFrameInSchema = z.discriminatedUnion("type", [
  agentHelloSchema,
  agentPresenceSchema,
  agentClaimSchema,
  agentMessageSchema,
  agentNoteSchema,
  agentTypingSchema,
  agentHistorySchema,
  agentTransferSchema,
  agentCloseSchema,
  agentEscalateSchema,
  agentStatsSchema,
  agentReadSchema,
]);
export type AgentFrameIn = z.infer<typeof agentFrameInSchema>;

// ---- server -> agent ----

/** Everything the panel needs after (re)connecting to a team. */
export const agentSnapshotSchema = z.object({
  type: z.literal("snapshot"),
  teamId: z.string(),
  me: agentSummarySchema,
  /** Conversations assigned to me, open ones only. */
  inbox: z.array(conversationSummarySchema),
  /** Waiting conversations in queue order (visible while I am online). */
  queue: z.array(conversationSummarySchema),
  agents: z.array(agentSummarySchema),
  /** Visitor messages after my read pointer, per inbox conversation that has any. */
  unread: z.record(z.string(), z.number().int().min(1)),
});
export const agentAssignedSchema = z.object({
  type: z.literal("assigned"),
  conversation: conversationSummarySchema,
  /** Its visitor messages I have not seen (all of them, for a chat new to me). */
  unread: z.number().int().min(0),
  /**
   * Its whole transcript, notes included, when it has at most `ASSIGNED_TRANSCRIPT_MESSAGES`
   * lines; absent for a longer one, which the panel asks for with `history`.
   */
  messages: z.array(chatMessageSchema).max(ASSIGNED_TRANSCRIPT_MESSAGES).optional(),
  /** With `messages`: the visitor's rating of a conversation reopened after one. */
  rating: csatRatingSchema.optional(),
});
/** My read pointer moved (from any of my tabs or devices): what is still unread there. */
export const agentReadOutSchema = z.object({
  type: z.literal("read"),
  conversationId: z.string(),
  seq: seqSchema,
  unread: z.number().int().min(0),
});
export const agentUnassignedSchema = z.object({
  type: z.literal("unassigned"),
  conversationId: z.string(),
  /** escalated: moved up a tier this agent does not serve (it waits for one who does). */
  /** deleted: its data was erased through the admin API (a privacy request). */
  reason: z.enum(["closed", "transferred", "claimed_by_other", "reassigned", "escalated", "deleted"]),
});
/**
 * One chat handed on from me while I was away or offline (`policy.absentAgents`), or for no
 * answer: what it was and who has it now. Kept until I am back, then sent once.
 */
export const handoverSchema = z.object({
  conversationId: z.string(),
  visitorName: z.string(),
  /** Who has it now; null: back in the queue. */
  toAgentId: z.string().nullable(),
  toAgentName: z.string().nullable(),
  /** Whether I had replied before it was handed on. */
  answered: z.boolean(),
  at: z.number(),
});
export type Handover = z.infer<typeof handoverSchema>;
/** Sent after my snapshot (or at once, if I am online) when chats were handed on from me. */
export const agentHandoversSchema = z.object({
  type: z.literal("handovers"),
  handovers: z.array(handoverSchema),
});
/** The whole queue, in order: when I go online (the snapshot carries it on connect). */
export const agentQueueSchema = z.object({
  type: z.literal("queue"),
  queue: z.array(conversationSummarySchema),
});
/**
 * What changed in the queue after one event, sent instead of the whole queue (which comes
 * only in the snapshot and when I go online): drop every id in `removed` and every entry's
 * id, then insert the entries, ascending by `position`, at that place (1-based); renumber.
 * Entries are bounded (`QUEUE_ENTRY_MAX_BYTES`: previews cut), so an arrival, a departure or
 * a message in a waiting chat costs each agent about a kilobyte whatever the queue's length.
 * `length` is the queue's length after the change: a panel whose list differs asks for a
 * fresh snapshot (`hello`).
 */
export const agentQueueUpdateSchema = z.object({
  type: z.literal("queue_update"),
  removed: z.array(z.string()),
  entries: z.array(conversationSummarySchema),
  length: z.number().int().min(0),
});
/**
 * Agents of the team whose presence or load changed, as they are now: replace each by id
 * (the snapshot carries the whole roster). Changes are coalesced per short tick
 * (`ROSTER_TICK_MS`, 100 ms) and each panel gets only the agents that differ from what it
 * holds; the answer to my own presence change comes at once, with me alone.
 */
export const agentRosterOutSchema = z.object({
  type: z.literal("agents"),
  agents: z.array(agentSummarySchema).min(1),
});
export const agentHistoryOutSchema = z.object({
  type: z.literal("history"),
  conversationId: z.string(),
  messages: z.array(chatMessageSchema),
  /** The visitor's rating, once they gave one (after the close). */
  rating: csatRatingSchema.optional(),
});
/** The visitor rated a closed conversation: to every agent of the team (panel and team view). */
export const agentRatingSchema = z.object({ type: z.literal("rating"), rating: csatRatingSchema });
/**
 * An agent changed a conversation's labels (`PUT …/conversations/:id/labels`): to every agent
 * of the team, so inboxes, queues and the team view show them without a reload.
 */
export const agentLabelsOutSchema = z.object({
  type: z.literal("labels"),
  conversationId: z.string(),
  labels: z.array(z.string()),
});
export const agentAckSchema = z.object({
  type: z.literal("ack"),
  conversationId: z.string(),
  clientId: clientIdSchema,
  seq: seqSchema,
});
/** The team today (in UTC days and hours): queue, waits, first responses and chats handled. */
export const teamStatsSchema = z.object({
  type: z.literal("stats"),
  teamId: z.string(),
  at: z.number().int(),
  queueLength: z.number().int().min(0),
  /** Seconds the longest-waiting queued conversation has waited. */
  longestWaitSeconds: z.number().int().min(0),
  /** Conversations assigned today: median seconds from arrival to assignment. */
  medianWaitSeconds: z.number().int().min(0).nullable(),
  /** Median seconds from assignment to the agent's first reply. */
  medianFirstResponseSeconds: z.number().int().min(0).nullable(),
  /** Conversations closed today. */
  handled: z.number().int().min(0),
  /** Conversations closed per UTC hour today, index 0 = 00:00-01:00. */
  handledByHour: z.array(z.number().int().min(0)).length(24),
  /** Ratings given today, overall, per agent and per UTC hour. */
  csat: csatStatsSchema,
});
export const agentTypingOutSchema = z.object({
  type: z.literal("typing"),
  conversationId: z.string(),
  on: z.boolean(),
});

export const agentFrameOutSchema = z.discriminatedUnion("type", [
  agentSnapshotSchema,
  agentAssignedSchema,
  agentUnassignedSchema,
  agentHandoversSchema,
  agentQueueSchema,
  agentQueueUpdateSchema,
  agentRosterOutSchema,
  agentHistoryOutSchema,
  agentRatingSchema,
  agentLabelsOutSchema,
  messageFrameSchema,
  agentAckSchema,
  agentTypingOutSchema,
  teamStatsSchema,
  agentReadOutSchema,
  errorFrameSchema,
]);
export type AgentFrameOut = z.infer<typeof agentFrameOutSchema>;
