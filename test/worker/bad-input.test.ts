/**
 * Whatever arrives on a socket, the client gets its documented error code and the team
 * object keeps serving: the same socket can go on chatting afterwards.
 */
import { describe, expect, it } from "vitest";
import { MAX_FRAME_BYTES, MAX_MESSAGE_CHARS } from "../../protocol";
import { admin, connectAgent, connectVisitor, seedSite } from "./helpers";

const badFrames: [string, string | ArrayBuffer, string][] = [
  ["malformed JSON", "{not json", "invalid_json"],
  ["a JSON value that is not a frame", "42", "unknown_type"],
  ["an unknown frame type", JSON.stringify({ type: "launch_missiles" }), "unknown_type"],
  [
    "a known frame with a wrong field",
    JSON.stringify({ type: "message", clientId: "", text: "hi" }),
    "invalid_frame",
  ],
  [
    "a known frame with an extra field",
    JSON.stringify({ type: "typing", on: true, admin: true }),
    "invalid_frame",
  ],
  ["an empty message", JSON.stringify({ type: "message", clientId: "e", text: "   " }), "invalid_frame"],
  [
    "a message over the length limit",
    JSON.stringify({ type: "message", clientId: "l", text: "x".repeat(MAX_MESSAGE_CHARS + 1) }),
    "too_large",
  ],
  [
    "a frame over the size limit",
    JSON.stringify({ type: "message", clientId: "s", text: "é".repeat(MAX_FRAME_BYTES) }),
    "too_large",
  ],
  ["a binary frame", new Uint8Array([1, 2, 3]).buffer, "invalid_json"],
];

describe("bad frames from a visitor", () => {
  it.each(badFrames)("answers %s with its error code and keeps serving", async (_name, frame, code) => {
    await seedSite("bad-visitor");
    const visitor = await connectVisitor("bad-visitor");
    await visitor.until("status");
    visitor.send(frame);
    expect(await visitor.until("error")).toMatchObject({ type: "error", code });
    visitor.send({ type: "message", clientId: "after", text: "still here" });
    // Stored after the welcome line (seq 1): the bad frame took no seq.
    expect(await visitor.until("ack")).toMatchObject({ clientId: "after", seq: 2 });
  });

  it("echoes the clientId of a refused message so the widget can mark it failed", async () => {
    await seedSite("bad-client-id");
    const visitor = await connectVisitor("bad-client-id");
    await visitor.until("status");
    visitor.send({ type: "message", clientId: "long", text: "x".repeat(MAX_MESSAGE_CHARS + 1) });
    expect(await visitor.until("error")).toMatchObject({ code: "too_large", clientId: "long" });
  });
});

describe("bad frames from an agent", () => {
  it.each(badFrames)("answers %s with its error code and keeps serving", async (_name, frame, code) => {
    const tokens = await seedSite("bad-agent");
    const agent = await connectAgent("bad-agent", tokens.ana!);
    await agent.until("snapshot");
    agent.send(
      typeof frame === "string"
        ? frame.replace('"type":"message"', '"type":"message","conversationId":"c"')
        : frame,
    );
    expect(await agent.until("error")).toMatchObject({ type: "error", code });
    agent.send({ type: "presence", status: "online" });
    expect((await agent.until("agents")).agents[0]).toMatchObject({ id: "ana", status: "online" });
  });

  it("refuses a transfer naming both an agent and a team", async () => {
    const tokens = await seedSite("bad-transfer");
    const agent = await connectAgent("bad-transfer", tokens.ana!);
    agent.send({ type: "transfer", conversationId: "c", toAgentId: "ben", toTeamId: "sales" });
    expect(await agent.until("error")).toMatchObject({ code: "invalid_frame" });
  });

  it("closes the sockets of an agent removed from the team", async () => {
    const tokens = await seedSite("bad-removed");
    const agent = await connectAgent("bad-removed", tokens.ana!);
    await agent.until("snapshot");
    const closed = new Promise<number>((resolve) =>
      agent.ws.addEventListener("close", (event) => resolve(event.code)),
    );
    await admin("PUT", "/sites/bad-removed/agents/ana", { name: "Ana", teams: ["sales"] });
    expect(await closed).toBe(4003);
  });
});
