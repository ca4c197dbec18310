/**
 * Checks for every frame the server sends on an agent's socket (`AgentFrameOut`), built
 * from the widget's zod-free checkers. The mapped type makes the compiler insist on a check
 * for each frame type the protocol has.
 */
import type {
  AgentFrameOut,
  AgentSummary,
  ConversationSummary,
  CsatRating,
  CsatStats,
  Handover,
} from "../protocol/wire";
import { bool, listOf, nullable, num, optional, shape, str, type Check } from "../client/frame-check";
import { isChatMessage } from "../client/message-check";

type Frame<T extends AgentFrameOut["type"]> = Extract<AgentFrameOut, { type: T }>;

export const isAgentSummary = shape<AgentSummary>({ id: str, name: str, status: str, open: num, limit: num });

/** Attribute values as the server sends them: a record of strings, numbers and booleans. */
const isAttributes: Check = (value) =>
  typeof value === "object" &&
  value !== null &&
  !Array.isArray(value) &&
  Object.values(value).every(
    (item) => typeof item === "string" || typeof item === "number" || typeof item === "boolean",
  );

const isVisitor = shape<ConversationSummary["visitor"]>({
  name: str,
  email: optional(str),
  userId: optional(str),
  verified: isAttributes,
  hints: isAttributes,
  country: optional(str),
  timeZone: optional(str),
  previousConversations: num,
});

export const isConversationSummary = shape<ConversationSummary>({
  id: str,
  teamId: str,
  visitorId: str,
  visitorName: str,
  state: str,
  agentId: nullable(str),
  createdAt: num,
  lastSeq: num,
  lastMessage: nullable(
    shape<NonNullable<ConversationSummary["lastMessage"]>>({ from: str, text: str, at: num }),
  ),
  waitingSince: nullable(num),
  page: nullable(str),
  locale: nullable(str),
  priority: num,
  tier: num,
  position: nullable(num),
  offline: bool,
  transferNote: nullable(str),
  visitor: isVisitor,
});

const isRating = shape<CsatRating>({
  conversationId: str,
  score: num,
  comment: nullable(str),
  agentId: nullable(str),
  at: num,
});
const hourly =
  (check: Check): Check =>
  (value) =>
    listOf(check)(value) && (value as unknown[]).length === 24;
const isCsatStats = shape<CsatStats>({
  ratings: num,
  average: nullable(num),
  byAgent: listOf(
    shape<CsatStats["byAgent"][number]>({ agentId: str, name: str, ratings: num, average: nullable(num) }),
  ),
  averageByHour: hourly(nullable(num)),
  ratingsByHour: hourly(num),
});

export const agentFrameChecks: { [K in AgentFrameOut["type"]]: Check } = {
  snapshot: shape<Frame<"snapshot">>({
    teamId: str,
    me: isAgentSummary,
    inbox: listOf(isConversationSummary),
    queue: listOf(isConversationSummary),
    agents: listOf(isAgentSummary),
    unread: (value) =>
      typeof value === "object" && value !== null && Object.values(value).every((count) => num(count)),
  }),
  assigned: shape<Frame<"assigned">>({
    conversation: isConversationSummary,
    unread: num,
    messages: optional(listOf(isChatMessage)),
    rating: optional(isRating),
  }),
  read: shape<Frame<"read">>({ conversationId: str, seq: num, unread: num }),
  unassigned: shape<Frame<"unassigned">>({ conversationId: str, reason: str }),
  handovers: shape<Frame<"handovers">>({
    handovers: listOf(
      shape<Handover>({
        conversationId: str,
        visitorName: str,
        toAgentId: nullable(str),
        toAgentName: nullable(str),
        answered: bool,
        at: num,
      }),
    ),
  }),
  queue: shape<Frame<"queue">>({ queue: listOf(isConversationSummary) }),
  queue_update: shape<Frame<"queue_update">>({
    removed: listOf(str),
    entries: listOf(isConversationSummary),
    length: num,
  }),
  agents: shape<Frame<"agents">>({ agents: listOf(isAgentSummary) }),
  history: shape<Frame<"history">>({
    conversationId: str,
    messages: listOf(isChatMessage),
    rating: optional(isRating),
  }),
  rating: shape<Frame<"rating">>({ rating: isRating }),
  labels: shape<Frame<"labels">>({ conversationId: str, labels: listOf(str) }),
  message: isChatMessage,
  ack: shape<Frame<"ack">>({ conversationId: str, clientId: str, seq: num }),
  typing: shape<Frame<"typing">>({ conversationId: str, on: bool }),
  stats: shape<Frame<"stats">>({
    teamId: str,
    at: num,
    queueLength: num,
    longestWaitSeconds: num,
    medianWaitSeconds: nullable(num),
    medianFirstResponseSeconds: nullable(num),
    handled: num,
    handledByHour: hourly(num),
    csat: isCsatStats,
  }),
  error: shape<Frame<"error">>({
    code: str,
    message: str,
    clientId: optional(str),
    conversationId: optional(str),
  }),
};
