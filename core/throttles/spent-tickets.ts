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

export class SpentTickets {
  /** id → expiry, in the order spent: tickets live alike, so the oldest expire first. */
  private readonly expiries = new Map<string, number>();

  constructor(private readonly capacity: number) {}

  /** Whether `id` was spent here and has not expired. */
  has(id: string, now: number): boolean {
    const exp = this.expiries.get(id);
    return exp !== undefined && exp > now;
  }

  /** Marks `id` spent until `exp`; false when it was spent already. */
  spend(id: string, exp: number, now: number): boolean {
    if (this.has(id, now)) return false;
    this.forgetExpired(now);
    // Full of live tickets: forget the oldest (the team object's storage still refuses it).
    while (this.expiries.size >= this.capacity) this.expiries.delete(this.expiries.keys().next().value!);
    this.expiries.set(id, exp);
    return true;
  }

  get size(): number {
    return this.expiries.size;
  }

  /** Drops expired ids from the front: amortised O(1) per spend. */
  private forgetExpired(now: number): void {
    for (const [id, exp] of this.expiries) {
      if (exp > now) return;
      this.expiries.delete(id);
    }
  }
}
