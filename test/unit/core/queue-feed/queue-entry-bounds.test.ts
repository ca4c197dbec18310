/** A queue entry stays bounded whatever the visitor sent: previews cut, attributes within the budget. */
import { describe, expect, it } from "vitest";
import type { ConversationSummary } from "../../../../protocol/wire";
import { QUEUE_ENTRY_MAX_BYTES, QUEUE_PAGE_CHARS, QUEUE_PREVIEW_CHARS } from "../../../../protocol/wire";
import { boundQueueEntry, preview } from "../../../../core/queue-feed";

const big = (): ConversationSummary => {
  const attributes = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`attr${i}`, "v".repeat(256)]));
  return {
    id: "c1",
    teamId: "support",
    visitorId: "v1",
    visitorName: "Ana",
    state: "queued",
    agentId: null,
    createdAt: 1,
    lastSeq: 3,
    lastMessage: { from: "visitor", text: "😀".repeat(4000), at: 2 },
    waitingSince: 2,
    page: `https://shop.example/${"p".repeat(2000)}`,
    locale: "en",
    priority: 0,
    tier: 1,
    position: 7,
    offline: false,
    transferNote: "n".repeat(1000),
    visitor: {
      name: "Ana",
      verified: { plan: "pro", ...attributes },
      hints: attributes,
      previousConversations: 2,
    },
  };
};

describe("queue entries", () => {
  it("cut previews and keep attributes only within the entry's byte budget", () => {
    const entry = boundQueueEntry(big());
    expect(new TextEncoder().encode(JSON.stringify(entry)).byteLength).toBeLessThanOrEqual(
      QUEUE_ENTRY_MAX_BYTES,
    );
    expect([...entry.lastMessage!.text]).toHaveLength(QUEUE_PREVIEW_CHARS + 1);
    expect(entry.lastMessage!.text.endsWith("😀…")).toBe(true); // no emoji cut in half
    expect(entry.page).toHaveLength(QUEUE_PAGE_CHARS + 1);
    expect(entry.transferNote).toHaveLength(QUEUE_PREVIEW_CHARS + 1);
    expect(entry.visitor.verified.plan).toBe("pro"); // verified first
    expect(Object.keys(entry.visitor.hints)).toEqual([]);
    expect(entry).toMatchObject({ id: "c1", position: 7, lastSeq: 3, visitor: { name: "Ana" } });
  });

  it("leave a small entry as it is", () => {
    const small = { ...big(), lastMessage: null, page: null, transferNote: null };
    small.visitor = { ...small.visitor, verified: { plan: "pro" }, hints: { seen: 3 } };
    expect(boundQueueEntry(small)).toEqual(small);
    expect(preview("héllo", 3)).toBe("hél…");
  });
});
