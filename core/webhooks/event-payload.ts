/**
 * The bodies of outgoing webhooks, built from what the TeamDO knows of a conversation. Only
 * what a receiver may see goes in: the visitor's id, name and e-mail, the agents' names,
 * message text of visitors and agents. Never a secret, never a note or a system line (a
 * message of any other author is refused here, whatever a caller passes).
 */
import type {
  WebhookConversationRef,
  WebhookEventData,
  WebhookEventType,
  WebhookPayload,
} from "../../protocol";

export interface PayloadVisitor {
  visitorId: string;
  name: string;
  /** The signed user's e-mail when `userId` is set (the offline form never replaces it), else the typed one. */
  email?: string;
  /** The site's user id: set only from a verified identity. */
  userId?: string;
  /** Attributes the site's backend signed; `email` among them makes the e-mail verified. */
  verified: Record<string, unknown>;
}

export interface PayloadConversation {
  siteId: string;
  teamId: string;
  conversationId: string;
  visitor: PayloadVisitor;
}

/** The visitor's verified e-mail if their identity was signed with one, else the one they gave. */
export function visitorEmail(visitor: PayloadVisitor): { email: string | null; emailVerified: boolean } {
  // A verified identity's `user.email` (the profile keeps a typed one apart, as a hint).
  if (visitor.userId !== undefined && visitor.email) return { email: visitor.email, emailVerified: true };
  const attribute = visitor.verified["email"];
  if (typeof attribute === "string" && attribute) return { email: attribute, emailVerified: true };
  return { email: visitor.email ?? null, emailVerified: false };
}

export function conversationRef(conversation: PayloadConversation): WebhookConversationRef {
  const { siteId, teamId, conversationId, visitor } = conversation;
  return {
    siteId,
    teamId,
    conversationId,
    visitor: { id: visitor.visitorId, name: visitor.name, ...visitorEmail(visitor) },
  };
}

export function buildPayload(
  type: WebhookEventType,
  conversation: PayloadConversation,
  at: number,
  extra: Omit<WebhookEventData, keyof WebhookConversationRef> = {},
): WebhookPayload {
  return {
    type,
    timestamp: new Date(at).toISOString(),
    data: { ...conversationRef(conversation), ...extra },
  };
}

export interface PayloadMessage {
  seq: number;
  from: string;
  text: string;
  at: number;
  agentId?: string;
}

/** The `message` of a message.created or reply.missed body; null for anything but a visitor's or agent's line. */
export function messageData(message: PayloadMessage): NonNullable<WebhookEventData["message"]> | null {
  if (message.from !== "visitor" && message.from !== "agent") return null;
  return {
    seq: message.seq,
    from: message.from,
    text: message.text,
    at: new Date(message.at).toISOString(),
    ...(message.from === "agent" && message.agentId ? { agentId: message.agentId } : {}),
  };
}

/** The endpoints of `endpoints` subscribed to `type` and not disabled. */
export function subscribers<E extends { events: readonly string[]; disabledAt: number | null }>(
  endpoints: readonly E[],
  type: WebhookEventType,
): E[] {
  return endpoints.filter((endpoint) => endpoint.disabledAt === null && endpoint.events.includes(type));
}
