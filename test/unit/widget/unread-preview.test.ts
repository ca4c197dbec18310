/**
 * Which message the launcher's preview shows: the newest agent message among the unread
 * ones (the team's latest messages, the visitor's own skipped), or none when the unread ones
 * are only the team's system lines.
 */
import { describe, expect, it } from "vitest";
import type { TranscriptEntry } from "../../../client/transcript";
import { latestUnread } from "../../../widget/unread-preview";

let seq = 0;
const entry = (from: TranscriptEntry["from"], text: string): TranscriptEntry => ({
  key: `c#${++seq}`,
  conversationId: "c",
  seq,
  from,
  text,
  at: seq,
  delivery: "sent",
  ...(from === "agent" ? { authorName: "Ana García" } : {}),
});

describe("the preview's message", () => {
  const hello = entry("visitor", "Hello?");
  const welcome = entry("system", "Hi! How can we help?");
  const first = entry("agent", "Yes, up to 3000 mm.");
  const mine = entry("visitor", "Great, thanks");
  const second = entry("agent", "Anything else?");
  const closed = entry("system", "This conversation has ended.");
  const entries = [hello, welcome, first, mine, second];

  it("is the newest agent message, past the visitor's own", () => {
    expect(latestUnread(entries, 1)).toBe(second);
    expect(latestUnread([...entries, entry("visitor", "No, bye")], 2)).toBe(second);
  });

  it("is an agent message counted as unread, or none", () => {
    expect(latestUnread(entries, 0)).toBeNull();
    // Only a system line is unread: the agent's reply before it was read already.
    expect(latestUnread([...entries, closed], 1)).toBeNull();
    // The system line and the reply before it are unread: the reply is previewed.
    expect(latestUnread([...entries, closed], 2)).toBe(second);
    expect(latestUnread([], 3)).toBeNull();
  });
});
