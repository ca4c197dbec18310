/**
 * Fuzzing the sockets: 10,000+ random and mutated frames at a visitor's and an agent's
 * socket. Every reply must be a valid outgoing frame, the object must keep serving, and
 * nothing stored may change, since none of the frames was valid.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  agentFrameInSchema,
  agentFrameOutSchema,
  visitorFrameInSchema,
  visitorFrameOutSchema,
} from "../../protocol";
import { CloseCode } from "../../protocol";
import { AGENT_FRAME_BUDGET, VISITOR_FRAME_BUDGET } from "../../core/throttles/frame-budget";
import { connectAgent, connectVisitor, seedSite, type FrameReader } from "./helpers";

const FRAMES_PER_SOCKET = 5_000;

const validVisitorFrames = [
  { type: "hello", lastSeq: 0 },
  { type: "message", clientId: "c1", text: "hello" },
  { type: "typing", on: true },
  { type: "read", seq: 1 },
  { type: "offline", clientId: "o1", email: "a@b.example", text: "hi" },
];
const validAgentFrames = [
  { type: "presence", status: "online" },
  { type: "claim", conversationId: "c_x" },
  { type: "message", conversationId: "c_x", clientId: "a1", text: "hi" },
  { type: "history", conversationId: "c_x", afterSeq: 0 },
  { type: "transfer", conversationId: "c_x", toAgentId: "ben" },
  { type: "close", conversationId: "c_x" },
];

/** Random JSON, valid frames with one field broken, and raw noise. */
function frameArbitrary(valid: object[]) {
  const mutated = fc
    .tuple(fc.constantFrom(...valid), fc.string(), fc.jsonValue())
    .map(([frame, key, value]) => {
      const keys = Object.keys(frame);
      const target = keys[Math.abs(key.length * 7919) % keys.length] ?? key;
      return JSON.stringify({ ...frame, [key.length % 3 === 0 ? key : target]: value });
    });
  return fc.oneof(
    mutated,
    fc.jsonValue().map((value) => JSON.stringify(value)),
    fc.string({ maxLength: 200 }),
    fc
      .record({ type: fc.string({ maxLength: 12 }) }, { requiredKeys: [] })
      .map((value) => JSON.stringify(value)),
  );
}

function invalidFrames(
  valid: object[],
  schema: { safeParse(value: unknown): { success: boolean } },
  count: number,
  seed: number,
): string[] {
  return fc
    .sample(frameArbitrary(valid), { numRuns: count * 2, seed })
    .filter((raw) => {
      if (raw === "ping") return false;
      try {
        return !schema.safeParse(JSON.parse(raw)).success;
      } catch {
        return true;
      }
    })
    .slice(0, count);
}

/** Sends the frames and collects every reply until a marker frame comes back. */
async function blast<F extends { type: string }>(
  client: FrameReader<F>,
  frames: string[],
  marker: object,
  isMarker: (frame: F) => boolean,
): Promise<F[]> {
  for (const frame of frames) client.send(frame);
  client.send(marker);
  const replies: F[] = [];
  for (;;) {
    // The socket's frame budget closes it part way through the storm (CloseCode.rateLimited).
    const frame = await client.next(10_000).catch((error: unknown) => {
      if (client.closed) return null;
      throw error;
    });
    if (frame === null || isMarker(frame)) return replies;
    replies.push(frame);
  }
}

describe("fuzzing the sockets", () => {
  it(
    "survives 5,000 invalid frames on a visitor socket with nothing stored",
    { timeout: 120_000 },
    async () => {
      await seedSite("fuzz-visitor");
      const visitor = await connectVisitor("fuzz-visitor");
      await visitor.until("status");
      visitor.send({ type: "message", clientId: "before", text: "before the storm" });
      const before = await visitor.until("ack");

      const frames = invalidFrames(validVisitorFrames, visitorFrameInSchema, FRAMES_PER_SOCKET, 42);
      expect(frames.length).toBe(FRAMES_PER_SOCKET);
      const replies = await blast(
        visitor,
        frames,
        { type: "hello", lastSeq: 0 },
        (frame) => frame.type === "welcome",
      );
      for (const reply of replies)
        expect(visitorFrameOutSchema.safeParse(reply).success, JSON.stringify(reply)).toBe(true);
      const errors = replies.filter((reply) => reply.type === "error");
      // Each frame within the socket's budget is answered; past it, one rate_limited, then a close.
      expect(errors.length).toBeGreaterThan(VISITOR_FRAME_BUDGET.burst / 2);
      // One rate_limited error per overrun; a frame earned back meanwhile (10/s) may still be
      // answered before the close, but never more than the overrun allows.
      const limited = errors.findIndex((reply) => reply.code === "rate_limited");
      expect(limited).toBeGreaterThan(0);
      expect(errors.filter((reply) => reply.code === "rate_limited")).toHaveLength(1);
      expect(errors.length - limited - 1).toBeLessThanOrEqual(VISITOR_FRAME_BUDGET.closeAfter);
      expect(visitor.closed?.code).toBe(CloseCode.rateLimited);

      // Nothing changed: the same transcript, and the socket still serves a valid message.
      const again = await connectVisitor("fuzz-visitor", { visitorToken: visitor.session.visitorToken });
      const welcome = await again.until("welcome");
      expect(welcome.messages.filter((m) => m.from === "visitor").map((m) => [m.seq, m.text])).toEqual([
        [before.seq, "before the storm"],
      ]);
      again.send({ type: "message", clientId: "after", text: "after the storm" });
      expect(await again.until("ack")).toMatchObject({
        clientId: "after",
        seq: welcome.conversation!.lastSeq + 1,
      });
    },
  );

  it(
    "survives 5,000 invalid frames on an agent socket with nothing changed",
    { timeout: 120_000 },
    async () => {
      const tokens = await seedSite("fuzz-agent");
      const agent = await connectAgent("fuzz-agent", tokens.ana!);
      const before = await agent.until("snapshot");
      const frames = invalidFrames(validAgentFrames, agentFrameInSchema, FRAMES_PER_SOCKET, 7);
      expect(frames.length).toBe(FRAMES_PER_SOCKET);
      const replies = await blast(agent, frames, { type: "hello" }, (frame) => frame.type === "snapshot");
      for (const reply of replies)
        expect(agentFrameOutSchema.safeParse(reply).success, JSON.stringify(reply)).toBe(true);
      expect(replies.filter((reply) => reply.type === "error").length).toBeGreaterThan(
        AGENT_FRAME_BUDGET.burst / 2,
      );
      expect(agent.closed?.code).toBe(CloseCode.rateLimited);
      const again = await connectAgent("fuzz-agent", tokens.ana!);
      expect(await again.until("snapshot")).toEqual(before);
    },
  );
});
