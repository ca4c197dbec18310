/**
 * A team object reached before its site configured it (a session racing the admin's first
 * PUT) has no engine to be ready with: it refuses with a code, never a crash, and a refused
 * message carries its clientId so the widget marks it and resends later.
 */
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { ErrorCode } from "../../protocol";
import { teamStub } from "../../durable-objects/addresses";
import { TicketHeader } from "../../durable-objects/team/socket-admission";
import { IdentityHeader } from "../../durable-objects/team/socket-identity";
import { FrameReader } from "./helpers";

describe("a team not configured yet", () => {
  it("refuses a visitor's message with its clientId", async () => {
    const open = async (identity: object) => {
      const response = await teamStub(env, "nowhere", "nobody").fetch("https://team.internal/connect", {
        headers: {
          Upgrade: "websocket",
          [IdentityHeader]: JSON.stringify(identity),
          // A single-use ticket, as the Worker's upgrade carries.
          [TicketHeader]: JSON.stringify({ id: crypto.randomUUID(), exp: Date.now() + 30_000 }),
        },
      });
      const ws = response.webSocket!;
      const reader = new FrameReader<{ type: string; code?: string; clientId?: string }>(ws);
      ws.accept();
      return reader;
    };
    const visitor = await open({ role: "visitor", visitorId: "v_early" });
    visitor.send({ type: "message", clientId: "m1", text: "hello?" });
    expect(await visitor.next()).toEqual({
      type: "error",
      code: ErrorCode.forbidden,
      message: "this team is not configured yet",
      clientId: "m1",
    });
    // The visitor's socket stays open: the message is resent once the team exists.
    expect(visitor.closed).toBeNull();
  });
});
