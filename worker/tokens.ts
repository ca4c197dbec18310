/**
 * Signed tokens: `base64url(json payload).base64url(HMAC-SHA256)`. Stateless, so the
 * Worker verifies them without touching a Durable Object; revocation of agent tokens is
 * checked against the site's object where it matters (session and socket).
 */
import { z } from "zod";
import { base64UrlDecode, base64UrlEncode, hmacSha256, timingSafeEqual } from "../core/crypto";

/** A visitor's long-lived identity on one site. */
const visitorTokenSchema = z.object({
  k: z.literal("visitor"),
  site: z.string(),
  visitorId: z.string(),
  iat: z.number(),
});
/** An agent's login; `tokenId` can be revoked. */
const agentTokenSchema = z.object({
  k: z.literal("agent"),
  site: z.string(),
  agentId: z.string(),
  tokenId: z.string(),
  iat: z.number(),
});
/** A short-lived permission to open one socket to one team; `id` makes it single-use. */
const ticketSchema = z.object({
  k: z.literal("ticket"),
  id: z.string().min(1).max(64),
  site: z.string(),
  teamId: z.string(),
  role: z.enum(["visitor", "agent"]),
  /** visitorId or agentId */
  subject: z.string(),
  tokenId: z.string().optional(),
  /** The Origin that opened the session; the socket must come from the same one. */
  origin: z.string().optional(),
  exp: z.number(),
  /** A resume ticket (a welcome's, for a reconnect without a session), not a session's. */
  resume: z.literal(true).optional(),
});

export type VisitorToken = z.infer<typeof visitorTokenSchema>;
export type AgentToken = z.infer<typeof agentTokenSchema>;
export type Ticket = z.infer<typeof ticketSchema>;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export async function sign(secret: string, payload: VisitorToken | AgentToken | Ticket): Promise<string> {
  const body = base64UrlEncode(encoder.encode(JSON.stringify(payload)));
  const signature = await hmacSha256(secret, body);
  return `${body}.${base64UrlEncode(signature)}`;
}

async function verify<T>(secret: string, token: string, schema: z.ZodType<T>): Promise<T | null> {
  const [body, signature, extra] = token.split(".");
  if (!body || !signature || extra !== undefined) return null;
  const expected = await hmacSha256(secret, body);
  const given = base64UrlDecode(signature);
  if (!given || !timingSafeEqual(expected, given)) return null;
  const bytes = base64UrlDecode(body);
  if (!bytes) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(decoder.decode(bytes)));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export const verifyVisitorToken = (secret: string, token: string) =>
  verify(secret, token, visitorTokenSchema);
export const verifyAgentToken = (secret: string, token: string) => verify(secret, token, agentTokenSchema);

/** The token of an `Authorization: Bearer <token>` header, or null. */
export function bearerToken(header: string | undefined): string | null {
  return header?.match(/^Bearer (\S+)$/)?.[1] ?? null;
}

/** A ticket is good only before `exp` (epoch ms). */
export async function verifyTicket(secret: string, token: string, now: number): Promise<Ticket | null> {
  const ticket = await verify(secret, token, ticketSchema);
  return ticket && ticket.exp > now ? ticket : null;
}
