import { describe, expect, it } from "vitest";
import type { ChatMessage } from "../../../protocol";
import { Transcript } from "../../../client/transcript";

const message = (seq: number, extra: Partial<ChatMessage> = {}): ChatMessage => ({
  conversationId: "c1",
  seq,
  from: "agent",
  text: `m${seq}`,
  at: seq,
  ...extra,
});

describe("Transcript.lastSeq (what hello / history resume after)", () => {
  it("stops below a missed frame, so the catch-up fetches it", () => {
    const transcript = new Transcript();
    for (const seq of [1, 2, 4, 5]) transcript.receive(message(seq));
    expect(transcript.lastSeq("c1")).toBe(2);
    transcript.receive(message(3));
    expect(transcript.lastSeq("c1")).toBe(5);
  });

  it("counts our own acked messages and keeps conversations apart", () => {
    const transcript = new Transcript();
    transcript.receive(message(1));
    transcript.addOwn("k1", "visitor", "hi", 2);
    transcript.ack("k1", "c1", 2);
    transcript.receive(message(1, { conversationId: "c2" }));
    expect(transcript.lastSeq("c1")).toBe(2);
    expect(transcript.lastSeq("c2")).toBe(1);
    expect(transcript.lastSeq(null)).toBe(0);
    expect(transcript.entries.map((entry) => entry.text)).toEqual(["m1", "hi", "m1"]);
  });

  it("holds each message once however often it is replayed", () => {
    const transcript = new Transcript();
    for (const seq of [1, 2, 3]) transcript.receive(message(seq));
    for (const seq of [1, 2, 3]) expect(transcript.receive(message(seq))).toBe(false);
    expect(transcript.entries).toHaveLength(3);
  });
});

describe("Transcript.forgetStored (what the server held was erased)", () => {
  it("drops every stored message and keeps our unsent ones, which are then stored afresh", () => {
    const transcript = new Transcript();
    for (const seq of [1, 2]) transcript.receive(message(seq));
    transcript.addOwn("sent", "visitor", "acked", 3);
    transcript.ack("sent", "c1", 3);
    transcript.addOwn("waiting", "visitor", "not yet acked", 4);
    transcript.forgetStored();
    expect(transcript.entries.map((entry) => entry.text)).toEqual(["not yet acked"]);
    expect(transcript.lastSeq("c1")).toBe(0);
    // The same seqs in the visitor's next conversation are new messages, not replays.
    expect(transcript.receive(message(1, { conversationId: "c2" }))).toBe(true);
    expect(transcript.receive(message(1))).toBe(true);
    transcript.ack("waiting", "c2", 2);
    expect(transcript.entries.map((entry) => entry.text)).toEqual(["m1", "not yet acked", "m1"]);
  });
});
