/**
 * Applies the server's `queue_update` delta to the queue a team's panel holds: drop the
 * removed ids and every placed entry's id, insert the placed entries ascending by position
 * at that place, renumber. Pure; `TeamConnection` calls it and checks `length`.
 */
import type { AgentFrameOut, ConversationSummary } from "../protocol/wire";

type QueueUpdate = Extract<AgentFrameOut, { type: "queue_update" }>;

export function applyQueueUpdate(
  queue: readonly ConversationSummary[],
  update: Pick<QueueUpdate, "removed" | "entries">,
): ConversationSummary[] {
  const gone = new Set([...update.removed, ...update.entries.map((entry) => entry.id)]);
  const next = queue.filter((entry) => !gone.has(entry.id));
  const placed = [...update.entries].sort((a, b) => (a.position ?? Infinity) - (b.position ?? Infinity));
  for (const entry of placed) {
    const index = Math.min(Math.max((entry.position ?? Infinity) - 1, 0), next.length);
    next.splice(index, 0, entry);
  }
  return next.map((entry, index) =>
    entry.position === index + 1 ? entry : { ...entry, position: index + 1 },
  );
}
