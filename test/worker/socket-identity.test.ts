/**
 * Who is behind a team socket is parsed, never cast: the identity header the Worker sends
 * is checked with a schema (a malformed one gets the socket closed as forbidden), and the
 * hibernation attachment holds the identity under the `edgechat` key and is read back with
 * a schema (an attachment that is not ours identifies nobody).
 */
import { env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { CloseCode, ErrorCode } from "../../protocol";
import { teamStub } from "../../durable-objects/addresses";
import { TicketHeader } from "../../durable-objects/team/socket-admission";
import { IdentityHeader, identityInAttachment, identityOf } from "../../durable-objects/team/socket-identity";
import { connectVisitor, FrameReader, seedSite } from "./helpers";

async function upgradeWithHeader(site: string, header: string): Promise<FrameReader<{ type: string }>> {
  const response = await teamStub(env, site, "support").fetch("https://team.internal/connect", {
    headers: {
      Upgrade: "websocket",
      [IdentityHeader]: header,
      // Each upgrade spends its own ticket, as the Worker's would.
      [TicketHeader]: JSON.stringify({ id: crypto.randomUUID(), exp: Date.now() + 30_000 }),
    },
  });
  const ws = response.webSocket!;
  const reader = new FrameReader<{ type: string }>(ws);
  ws.accept();
  return reader;
}

describe("socket identity", () => {
  it("stores the identity under one namespace key and reads it back parsed", async () => {
    await seedSite("ident-ns");
    const visitor = await connectVisitor("ident-ns");
    const { visitorId } = await visitor.until("welcome");
    const attachments = await runInDurableObject(teamStub(env, "ident-ns", "support"), (_o, state) =>
      state.getWebSockets().map((ws) => ({ raw: ws.deserializeAttachment(), parsed: identityOf(ws) })),
    );
    expect(attachments).toEqual([
      {
        raw: {
          edgechat: {
            identity: { role: "visitor", visitorId },
            openedAt: expect.any(Number),
            // The visitor's next ticket, for the welcome (and whether this socket came on one).
            resume: { ticket: expect.any(String), expiresAt: expect.any(Number), resumed: false },
          },
        },
        parsed: { role: "visitor", visitorId },
      },
    ]);
  });

  it("identifies nobody from an attachment that is not ours", async () => {
    await seedSite("ident-foreign");
    const visitor = await connectVisitor("ident-foreign");
    await visitor.until("welcome");
    // What a wake reads back from the sockets' attachments (in memory, identities are cached).
    const read = await runInDurableObject(teamStub(env, "ident-foreign", "support"), (_o, state) => {
      const [ws] = state.getWebSockets();
      const ours = identityInAttachment(ws!.deserializeAttachment());
      // The old shape, before the namespace: no longer trusted.
      const old = identityInAttachment({ role: "visitor", visitorId: "v_someone" });
      return { ours, old, junk: identityInAttachment("v_someone") };
    });
    expect(read.ours).toMatchObject({ role: "visitor" });
    expect(read.old).toBeNull();
    expect(read.junk).toBeNull();
  });

  it.each([
    ["not JSON", "{role"],
    ["an unknown role", JSON.stringify({ role: "admin", visitorId: "v_1" })],
    ["an agent without a token", JSON.stringify({ role: "agent", agentId: "ana" })],
  ])("closes a socket whose identity header is %s", async (_what, header) => {
    await seedSite("ident-header");
    const socket = await upgradeWithHeader("ident-header", header);
    expect(await socket.next()).toMatchObject({ type: "error", code: ErrorCode.forbidden });
    await expect.poll(() => socket.closed?.code).toBe(CloseCode.forbidden);
  });
});
