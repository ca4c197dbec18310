/**
 * The team's roster (every agent's presence and load) as each agent's panel holds it, kept
 * current by one coalesced `agents` frame per tick instead of one `agent` frame to every
 * agent on every change (with 50 agents, 35 load changes a second were 1,750 frames a second,
 * most of a busy team's traffic). Changes are marked as they happen (`touch`); at the tick
 * (`flush`) each recipient gets only the summaries that differ from what it holds: the last
 * flush's, or what it was sent since on its own (a snapshot, the answer to its own presence
 * change). A load that went 3 → 4 → 3 within a tick sends nothing; a panel that connected
 * within the tick is not told again what its snapshot said. Pure and in memory: after a
 * wake nothing is held, so the first flush sends whatever changed anew. The tick's length
 * is the protocol's `ROSTER_TICK_MS`; the caller owns the timer.
 */

/** What a recipient is told about one agent; compared by its serialized form. */
export interface RosterEntry {
  readonly id: string;
}

/** One frame's worth: these entries, to these recipients. */
export interface RosterBatch<E extends RosterEntry, R> {
  readonly entries: E[];
  readonly recipients: R[];
}

export class RosterFeed<E extends RosterEntry, R> {
  /** What every recipient holds after the last flush, by agent id (serialized). */
  private readonly held = new Map<string, string>();
  /** Agents touched since the last flush. */
  private readonly dirty = new Set<string>();
  /** What single recipients were sent on their own since the last flush, by agent id. */
  private readonly own = new Map<R, Map<string, string>>();

  /** The agent's summary may have changed. True when it is the first change since the last flush (schedule one). */
  touch(agentId: string): boolean {
    const first = this.dirty.size === 0;
    this.dirty.add(agentId);
    return first;
  }

  /** A flush is pending. */
  get pending(): boolean {
    return this.dirty.size > 0;
  }

  /** `recipient` was sent these entries on its own (a snapshot, an answer): it holds them now. */
  sentTo(recipient: R, entries: readonly E[]): void {
    let mine = this.own.get(recipient);
    if (!mine) this.own.set(recipient, (mine = new Map()));
    for (const entry of entries) mine.set(entry.id, JSON.stringify(entry));
  }

  /**
   * What to send now: for each recipient, the touched agents whose current entry (`current`,
   * null for an agent no longer of the team) differs from what it holds, grouped so that one
   * frame serves every recipient with the same difference. Everyone holds the current roster after.
   */
  flush(current: (agentId: string) => E | null, recipients: Iterable<R>): RosterBatch<E, R>[] {
    const changed: { id: string; entry: E; text: string }[] = [];
    for (const id of this.dirty) {
      const entry = current(id);
      if (!entry) {
        this.held.delete(id);
        continue;
      }
      changed.push({ id, entry, text: JSON.stringify(entry) });
    }
    const batches = new Map<string, { entries: E[]; recipients: R[] }>();
    for (const recipient of recipients) {
      const mine = this.own.get(recipient);
      const differs = changed.filter(({ id, text }) => (mine?.get(id) ?? this.held.get(id)) !== text);
      if (differs.length === 0) continue;
      const key = differs.map(({ id }) => id).join("\n");
      let batch = batches.get(key);
      if (!batch) batches.set(key, (batch = { entries: differs.map(({ entry }) => entry), recipients: [] }));
      batch.recipients.push(recipient);
    }
    for (const { id, text } of changed) this.held.set(id, text);
    this.dirty.clear();
    this.own.clear();
    return [...batches.values()];
  }
}
