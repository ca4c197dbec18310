/**
 * Who may open a socket on a TeamDO beyond the Worker's checks: each ticket opens one socket
 * (the Worker verified its signature and expiry; this object, the only one it is good for,
 * remembers it as spent until it expires), and one visitor (tabs) or one agent token holds at
 * most a few sockets: a newer one closes the oldest with `CloseCode.tooManySockets`. Used by
 * `TeamDO.fetch`. Spent tickets live in the object's SQLite (`spent_tickets`), so they survive
 * hibernation and restarts, and in memory in front of it, so a flood on one ticket costs no
 * storage; stored ones are swept once expired.
 */
import { z } from "zod";
import { SpentTickets } from "../../core/throttles/spent-tickets";
import { CloseCode, MAX_SOCKETS_PER_AGENT_TOKEN, MAX_SOCKETS_PER_VISITOR } from "../../protocol";
import { openedAtOf, resumeGrantSchema, type ResumeGrant, type SocketIdentity } from "./socket-identity";
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

/** Header the Worker sets on a visitor's upgrade: their next (resume) ticket, for the welcome. */
export const ResumeHeader = "X-Chat-Resume";

export function resumeFromHeader(headers: Headers): ResumeGrant | undefined {
  try {
    const parsed = resumeGrantSchema.safeParse(JSON.parse(headers.get(ResumeHeader) ?? "null"));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Where spent tickets were kept before schema version 10 (key-value storage, one key each). */
const LEGACY_PREFIX = "spent-ticket:";
/** Live tickets this object remembers without storage; past it, storage still knows. */
const SPENT_IN_MEMORY = 5_000;
/** Expired rows are swept at most this often, not on every upgrade. */
const SWEEP_EVERY_MS = 30_000;

/**
 * Spent tickets of one team object: memory first (a spent ticket again costs one map lookup,
 * no storage), then one SQLite statement (`INSERT OR IGNORE` into `spent_tickets`, whose
 * primary key refuses a ticket spent before a wake or past memory's capacity). One
 * synchronous statement per upgrade where the key-value store took a read and a write, each
 * awaited; the write is as durable (the 101 leaves once it is).
 */
export class TicketLedger {
  private readonly memory = new SpentTickets(SPENT_IN_MEMORY);
  private nextSweepAt = 0;
  /** Whether this wake has moved spent tickets left in key-value storage by an older version. */
  private legacyMoved = false;

  constructor(
    private readonly storage: DurableObjectStorage,
    private readonly sql: SqlStorage,
  ) {}

  /** True when this object has seen `ticket` spent, without touching storage. */
  knownSpent(ticket: TicketStub, now: number): boolean {
    return this.memory.has(ticket.id, now);
  }

  /** Spends `ticket`; false when it was spent already. */
  async spend(ticket: TicketStub, now: number): Promise<boolean> {
    // Marked before the first await: a concurrent upgrade on the same ticket is refused from memory.
    if (!this.memory.spend(ticket.id, ticket.exp, now)) return false;
    if (!this.legacyMoved) await this.moveLegacy(now);
    if (now >= this.nextSweepAt) {
      this.nextSweepAt = now + SWEEP_EVERY_MS;
      this.sql.exec("DELETE FROM spent_tickets WHERE exp <= ?", now);
    }
    const written = this.sql.exec(
      "INSERT OR IGNORE INTO spent_tickets (id, exp) VALUES (?, ?)",
      ticket.id,
      ticket.exp,
    ).rowsWritten;
    return written > 0;
  }

  /**
   * Once per wake: tickets an older version spent into key-value storage (live for at most
   * 30 s after the upgrade) go into the table, so they stay refused; then the keys go.
   */
  private async moveLegacy(now: number): Promise<void> {
    const legacy = await this.storage.list({ prefix: LEGACY_PREFIX, limit: 1024 });
    this.legacyMoved = true;
    for (const key of legacy.keys()) {
      // "spent-ticket:<exp, 15 digits>:<id>"
      const exp = Number(key.slice(LEGACY_PREFIX.length, LEGACY_PREFIX.length + 15));
      const id = key.slice(LEGACY_PREFIX.length + 16);
      if (exp > now && id)
        this.sql.exec("INSERT OR IGNORE INTO spent_tickets (id, exp) VALUES (?, ?)", id, exp);
    }
    if (legacy.size > 0) await this.storage.delete([...legacy.keys()]);
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
