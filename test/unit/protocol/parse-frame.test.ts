/** The protocol's frame parser: typed frames in, typed error frames for everything else. */
import { describe, expect, it } from "vitest";
import {
  agentFrameInSchema,
  errorFrameSchema,
  MAX_FRAME_BYTES,
  parseFrame,
  visitorFrameInSchema,
  visitorFrameOutSchema,
} from "../../../protocol";

describe("parseFrame", () => {
  it("returns each valid visitor frame typed", () => {
    for (const frame of [
      { type: "hello", lastSeq: 0 },
      { type: "message", clientId: "a", text: "hi" },
      { type: "typing", on: false },
      { type: "read", seq: 3 },
      { type: "close" },
    ]) {
      expect(parseFrame(JSON.stringify(frame), visitorFrameInSchema)).toEqual({ ok: true, frame });
    }
  });

  it("names the field at fault", () => {
    const result = parseFrame(JSON.stringify({ type: "hello", lastSeq: -1 }), visitorFrameInSchema);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe("invalid_frame");
      expect(result.error.message).toMatch(/^hello: lastSeq: /);
    }
  });

  it("tells an unknown type from a malformed frame", () => {
    expect(parseFrame('{"type":"claim","conversationId":"c"}', visitorFrameInSchema)).toMatchObject({
      ok: false,
      error: { code: "unknown_type" },
    });
    expect(parseFrame('{"type":"claim","conversationId":"c"}', agentFrameInSchema)).toMatchObject({
      ok: true,
    });
    expect(parseFrame("[1,2]", visitorFrameInSchema)).toMatchObject({
      ok: false,
      error: { code: "unknown_type" },
    });
    expect(parseFrame("null", visitorFrameInSchema)).toMatchObject({
      ok: false,
      error: { code: "unknown_type" },
    });
    expect(parseFrame("{", visitorFrameInSchema)).toMatchObject({
      ok: false,
      error: { code: "invalid_json" },
    });
  });

  it("measures size in UTF-8 bytes, not characters", () => {
    const text = "я".repeat(Math.floor(MAX_FRAME_BYTES / 2)); // 2 bytes each: over the limit with the envelope
    expect(
      parseFrame(JSON.stringify({ type: "message", clientId: "a", text }), visitorFrameInSchema),
    ).toMatchObject({
      ok: false,
      error: { code: "too_large" },
    });
  });

  it("produces error frames that satisfy the outgoing schema", () => {
    const result = parseFrame('{"type":"message","clientId":"c1","text":""}', visitorFrameInSchema);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(errorFrameSchema.parse(result.error)).toEqual(result.error);
      expect(visitorFrameOutSchema.safeParse(result.error).success).toBe(true);
      expect(result.error.clientId).toBe("c1");
    }
  });

  it("requires exactly one transfer target", () => {
    const base = { type: "transfer", conversationId: "c" };
    expect(parseFrame(JSON.stringify({ ...base, toAgentId: "ben" }), agentFrameInSchema).ok).toBe(true);
    expect(parseFrame(JSON.stringify({ ...base, toTeamId: "sales" }), agentFrameInSchema).ok).toBe(true);
    expect(parseFrame(JSON.stringify(base), agentFrameInSchema).ok).toBe(false);
    expect(
      parseFrame(JSON.stringify({ ...base, toAgentId: "ben", toTeamId: "sales" }), agentFrameInSchema).ok,
    ).toBe(false);
  });
});
