/**
 * The queue as the team's online agents hold it, kept current with one `queue_update`
 * delta per event instead of the whole queue (issue 14: with 300 waiting, every arrival
 * sent each agent ~2 MB). It remembers, in memory, the order of ids last sent; after a wake
 * it starts from the stored queue as rebuilt before the wake's first event, which is what
 * agents were last told (every change is stored, then announced). Summaries are read only
 * for the entries a delta places, and each is bounded (`boundQueueEntry`). Used by
 * `TeamBroadcasts`; the snapshot and "gone online" still send the whole queue.
 */
import type { AgentFrameOut } from "../../protocol";
import type { AssignmentEngine, QueueEntry } from "../../core/assignment";
import { boundQueueEntry, queueDelta } from "../../core/queue-feed";
import type { ConversationRow } from "./team-rows";
import type { TeamStore } from "./team-store";
import type { TeamViews } from "./team-views";

type QueueUpdate = Extract<AgentFrameOut, { type: "queue_update" }>;

export class QueueFeed {
  /** Ids in the order agents hold them; null until the engine's first build. */
  private held: string[] | null = null;
  private positions = new Map<string, number>();

  constructor(
    private readonly store: TeamStore,
    private readonly views: TeamViews,
  ) {}

  /** What agents hold when the object (re)starts: the stored queue, before anything changes it. */
  baseline(entries: readonly QueueEntry[]): void {
    this.hold(entries);
  }

  /**
   * The delta from what agents hold to `entries` (the queue after an event), or null when
   * they hold it already; `touched`: ids whose content the event changed.
   */
  update(
    engine: AssignmentEngine,
    entries: readonly QueueEntry[],
    touched: Iterable<string>,
  ): QueueUpdate | null {
    const next = entries.map((entry) => entry.conversation.id);
    const delta = queueDelta(this.held ?? [], next, new Set(touched));
    this.hold(entries);
    if (delta.removed.length === 0 && delta.placed.length === 0) return null;
    const placed = delta.placed.flatMap(({ id, position }) => {
      const row = this.store.conversations.get(id);
      return row ? [boundQueueEntry(this.views.summary(engine, row, position))] : [];
    });
    return { type: "queue_update", removed: delta.removed, entries: placed, length: next.length };
  }

  /**
   * One waiting conversation whose content changed (a message) while the queue stayed; null
   * when agents do not hold it yet (the event's delta, still to come, brings it as it is then).
   */
  changed(engine: AssignmentEngine, conversation: ConversationRow): QueueUpdate | null {
    const position = this.positions.get(conversation.id);
    if (position === undefined || this.held === null) return null;
    return {
      type: "queue_update",
      removed: [],
      entries: [boundQueueEntry(this.views.summary(engine, conversation, position))],
      length: this.held.length,
    };
  }

  private hold(entries: readonly QueueEntry[]): void {
    this.held = entries.map((entry) => entry.conversation.id);
    this.positions = new Map(entries.map((entry) => [entry.conversation.id, entry.position]));
  }
}
