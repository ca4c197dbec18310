/**
 * A waiting conversation as the queue lists it to every online agent: bounded, so one
 * arrival or one message in a waiting chat costs each agent about a kilobyte whatever the
 * visitor sent. The last message and the transfer note are cut to a preview, the page URL
 * shortened, and the visitor's attributes kept while the entry fits `QUEUE_ENTRY_MAX_BYTES`
 * (verified ones first). The agent who gets the chat receives its full summary in `assigned`.
 */
import type { ConversationSummary } from "../../protocol";
import { QUEUE_ENTRY_MAX_BYTES, QUEUE_PAGE_CHARS, QUEUE_PREVIEW_CHARS } from "../../protocol";

type Attributes = ConversationSummary["visitor"]["verified"];

export function boundQueueEntry(summary: ConversationSummary): ConversationSummary {
  const { visitor, lastMessage } = summary;
  const bounded: ConversationSummary = {
    ...summary,
    lastMessage: lastMessage
      ? { ...lastMessage, text: preview(lastMessage.text, QUEUE_PREVIEW_CHARS) }
      : null,
    transferNote: summary.transferNote === null ? null : preview(summary.transferNote, QUEUE_PREVIEW_CHARS),
    page: summary.page === null ? null : preview(summary.page, QUEUE_PAGE_CHARS),
    visitor: { ...visitor, verified: {}, hints: {} },
  };
  let room = QUEUE_ENTRY_MAX_BYTES - byteLength(JSON.stringify(bounded));
  const keep = (from: Attributes, into: Attributes): void => {
    for (const [key, value] of Object.entries(from)) {
      const cost = byteLength(JSON.stringify({ [key]: value })); // the braces pay for a comma
      if (cost > room) return;
      into[key] = value;
      room -= cost;
    }
  };
  keep(visitor.verified, bounded.visitor.verified);
  keep(visitor.hints, bounded.visitor.hints);
  return bounded;
}

/** At most `max` characters (code points, so no surrogate pair is split), `…` when cut. */
export function preview(text: string, max: number): string {
  if (text.length <= max) return text;
  const points = [...text];
  return points.length <= max ? text : `${points.slice(0, max).join("")}…`;
}

const encoder = new TextEncoder();
function byteLength(text: string): number {
  return encoder.encode(text).byteLength;
}
