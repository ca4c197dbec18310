/**
 * Who is behind a TeamDO socket: the identity the Worker vouches for in the upgrade's
 * header, and the same identity kept in the socket's hibernation attachment under our own
 * namespace key. Both are read back with a schema, never cast: a header from an older
 * Worker or an attachment from an older object version parses to null, not to a lie.
 */
import { z } from "zod";

/** Header the Worker sets, after checking the ticket, on the upgrade it forwards here. */
export const IdentityHeader = "X-Chat-Identity";

export const socketIdentitySchema = z.discriminatedUnion("role", [
  z.object({ role: z.literal("visitor"), visitorId: z.string().min(1) }),
  z.object({ role: z.literal("agent"), agentId: z.string().min(1), tokenId: z.string().min(1) }),
]);
export type SocketIdentity = z.infer<typeof socketIdentitySchema>;

/** The attachment's one key: room for other parts of a socket's state, without clashes. */
const NAMESPACE = "edgechat";
/** A visitor's next ticket (`welcome.resume`), and whether this socket itself came on one. */
export const resumeGrantSchema = z.object({
  ticket: z.string().min(1).max(1024),
  expiresAt: z.number().int().min(0),
  resumed: z.boolean(),
});
export type ResumeGrant = z.infer<typeof resumeGrantSchema>;

const attachmentSchema = z.object({
  [NAMESPACE]: z.object({
    identity: socketIdentitySchema,
    openedAt: z.number().optional(),
    resume: resumeGrantSchema.optional(),
  }),
});

/** The identity in the upgrade's header, or null when it is missing or malformed. */
export function identityFromHeader(headers: Headers): SocketIdentity | null {
  const raw = headers.get(IdentityHeader);
  if (raw === null) return null;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return null;
  }
  const parsed = socketIdentitySchema.safeParse(json);
  return parsed.success ? parsed.data : null;
}

/**
 * Identities already read back, by socket: every frame and every fan-out asks, and parsing the
 * attachment each time was a visible share of the profile. Memory only: after a wake the
 * first ask reads the attachment again.
 */
const known = new WeakMap<WebSocket, SocketIdentity | null>();

export function attachIdentity(
  ws: WebSocket,
  identity: SocketIdentity,
  openedAt: number,
  resume?: ResumeGrant,
): void {
  ws.serializeAttachment({ [NAMESPACE]: { identity, openedAt, ...(resume ? { resume } : {}) } });
  known.set(ws, identity);
}

/** The resume grant kept on the socket (read at each `hello`, which is rare), or null. */
export function resumeOf(ws: WebSocket): ResumeGrant | null {
  const parsed = attachmentSchema.safeParse(ws.deserializeAttachment());
  return parsed.success ? (parsed.data[NAMESPACE].resume ?? null) : null;
}

/** When the socket was accepted (0 for one accepted by an older version): the oldest goes first. */
export function openedAtOf(ws: WebSocket): number {
  const parsed = attachmentSchema.safeParse(ws.deserializeAttachment());
  return parsed.success ? (parsed.data[NAMESPACE].openedAt ?? 0) : 0;
}

/** The identity stored on the socket, or null (no attachment, or not ours). */
export function identityOf(ws: WebSocket): SocketIdentity | null {
  const cached = known.get(ws);
  if (cached !== undefined) return cached;
  const identity = identityInAttachment(ws.deserializeAttachment());
  known.set(ws, identity);
  return identity;
}

/** The identity a hibernation attachment holds, or null when it is not ours (what a wake reads). */
export function identityInAttachment(attachment: unknown): SocketIdentity | null {
  const parsed = attachmentSchema.safeParse(attachment);
  return parsed.success ? parsed.data[NAMESPACE].identity : null;
}
