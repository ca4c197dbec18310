/**
 * A bounded in-memory set of spent single-use tickets (each named by a key: the ticket's id,
 * or in the Worker its signature) with their expiry (epoch ms), time passed in. The Worker
 * keeps one per isolate (`worker/ticket-admission.ts`) so a ticket it already
 * forwarded is refused before the team object is touched, and the TeamDO keeps one in front
 * of its stored spent tickets (`durable-objects/team/socket-admission.ts`), so a flood of
 * upgrades on one ticket costs a map lookup each, not storage. Memory is a shortcut, never
 * the authority: what it forgets (past `capacity`, or after an eviction) the team object's
 * storage still knows.
 */
import { TICKET_TTL_SECONDS } from "../../protocol/limits";

export class SpentTickets {
  /**
   * id → expiry, in the order spent, one queue per lifetime: session tickets (at most
   * TICKET_TTL_SECONDS) and the longer resume tickets. Within a queue tickets live alike, so
   * the oldest expire first and forgetting from the front frees memory; in one queue a resume
   * ticket at the front would hold every expired session ticket behind it.
   */
  private readonly short = new Map<string, number>();
  private readonly long = new Map<string, number>();

  /** `capacity`: live tickets kept per queue. */
  constructor(private readonly capacity: number) {}

  /** Whether `id` was spent here and has not expired. */
  has(id: string, now: number): boolean {
    const exp = this.short.get(id) ?? this.long.get(id);
    return exp !== undefined && exp > now;
  }

  /** Marks `id` spent until `exp`; false when it was spent already. */
  spend(id: string, exp: number, now: number): boolean {
    if (this.has(id, now)) return false;
    const queue = exp - now > TICKET_TTL_SECONDS * 1000 ? this.long : this.short;
    forgetExpired(queue, now);
    // Full of live tickets: forget the oldest (the team object's storage still refuses it).
    while (queue.size >= this.capacity) queue.delete(queue.keys().next().value!);
    queue.set(id, exp);
    return true;
  }

  get size(): number {
    return this.short.size + this.long.size;
  }
}

/** Drops expired ids from the front: amortised O(1) per spend. */
function forgetExpired(queue: Map<string, number>, now: number): void {
  for (const [id, exp] of queue) {
    if (exp > now) return;
    queue.delete(id);
  }
}
