/**
 * The queue as agents see it, kept current by deltas: which entries to remove and place
 * after an event (`queueDelta`), and how large one entry may be (`boundQueueEntry`).
 */
export { queueDelta, type QueueDelta } from "./queue-delta";
export { boundQueueEntry, preview } from "./queue-entry-bounds";
