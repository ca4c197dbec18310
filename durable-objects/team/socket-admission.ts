/**
 * Who may open a socket on a TeamDO beyond the Worker's checks: each ticket opens one socket
 * (the Worker verified its signature and expiry; this object, the only one it is good for,
 * remembers it as spent until it expires), and one visitor (tabs) or one agent token holds at
 * most a few sockets: a newer one closes the oldest with `CloseCode.tooManySockets`. Used by
 * `TeamDO.fetch`. Spent tickets live in the object's key-value storage, so they survive
 * hibernation, and in memory in front of it, so a flood on one ticket costs no storage;
 * stored ones are swept once expired.
 */
import { z } from "zod";
import { SpentTickets } from "../../core/throttles/spent-tickets";
import { CloseCode, MAX_SOCKETS_PER_AGENT_TOKEN, MAX_SOCKETS_PER_VISITOR } from "../../protocol";
import { openedAtOf, type SocketIdentity } from "./socket-identity";
import { tokenTag, visitorTag } from "./team-sockets";

/** Header the Worker sets with the ticket's id and expiry (epoch ms). */
export const TicketHeader = "X-Chat-Ticket";

const ticketHeaderSchema = z.object({ id: z.string().min(1).max(64), exp: z.number().int().min(0) });
export type TicketStub = z.infer<typeof ticketHeaderSchema>;

export function ticketFromHeader(headers: Headers): TicketStub | null {
  try {
    const parsed = ticketHeaderSchema.safeParse(JSON.parse(headers.get(TicketHeader) ?? "null"));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

const PREFIX = "spent-ticket:";
/** Keys sort by expiry, so the expired ones are one range. */
const keyOf = (ticket: TicketStub) => `${PREFIX}${String(ticket.exp).padStart(15, "0")}:${ticket.id}`;
/** Live tickets this object remembers without storage; past it, storage still knows. */
const SPENT_IN_MEMORY = 5_000;
/** Expired keys are swept at most this often, not on every upgrade. */
const SWEEP_EVERY_MS = 30_000;

/**
 * Spent tickets of one team object: memory first (a spent ticket again costs one map lookup,
 * no storage), storage when memory does not know (after a wake, or past its capacity).
 */
export class TicketLedger {
  private readonly memory = new SpentTickets(SPENT_IN_MEMORY);
  private nextSweepAt = 0;

  constructor(private readonly storage: DurableObjectStorage) {}

  /** True when this object has seen `ticket` spent, without touching storage. */
  knownSpent(ticket: TicketStub, now: number): boolean {
    return this.memory.has(ticket.id, now);
  }

  /** Spends `ticket`; false when it was spent already. */
  async spend(ticket: TicketStub, now: number): Promise<boolean> {
    // Marked before the first await: a concurrent upgrade on the same ticket is refused from memory.
    if (!this.memory.spend(ticket.id, ticket.exp, now)) return false;
    const key = keyOf(ticket);
    if ((await this.storage.get(key)) !== undefined) return false;
    await this.storage.put(key, 1);
    if (now >= this.nextSweepAt) {
      this.nextSweepAt = now + SWEEP_EVERY_MS;
      const expired = await this.storage.list({
        prefix: PREFIX,
        end: `${PREFIX}${String(now).padStart(15, "0")}`,
        limit: 128,
      });
      if (expired.size > 0) await this.storage.delete([...expired.keys()]);
    }
    return true;
  }
}

/** Closes the oldest sockets of the newcomer's visitor or token past the cap. */
export function closeOldestBeyondCap(ctx: DurableObjectState, identity: SocketIdentity): void {
  const [tag, cap] =
    identity.role === "visitor"
      ? [visitorTag(identity.visitorId), MAX_SOCKETS_PER_VISITOR]
      : [tokenTag(identity.tokenId), MAX_SOCKETS_PER_AGENT_TOKEN];
  const open = ctx
    .getWebSockets(tag)
    .filter((ws) => ws.readyState === WebSocket.OPEN)
    .map((ws) => ({ ws, at: openedAtOf(ws) }))
    .sort((a, b) => a.at - b.at);
  for (const { ws } of open.slice(0, Math.max(0, open.length - cap))) {
    try {
      ws.close(CloseCode.tooManySockets, "too many sockets; the oldest was closed");
    } catch {
      // Closing already.
    }
  }
}
