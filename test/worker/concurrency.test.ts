/**
 * 200 conversations arriving and 20 agents coming online at the same time, over real
 * sockets into one team object: no agent over their limit, no conversation assigned twice,
 * and nothing left waiting while an eligible agent has room.
 */
import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { AgentFrameOut, VisitorFrameOut, VisitorSessionResponse } from "../../protocol";
import { admin, agentSession, BASE, FrameReader, ORIGIN, upgrade } from "./helpers";

const VISITORS = 200;
const AGENTS = 20;
const LIMIT = 5; // 100 seats for 200 conversations: half are assigned, half wait

async function visitor(
  site: string,
  i: number,
): Promise<{ reader: FrameReader<VisitorFrameOut>; conversationId: Promise<string> }> {
  // Each visitor from its own address, as on the internet (sessions are rate limited per address).
  const response = await SELF.fetch(`${BASE}/v1/sites/${site}/session`, {
    method: "POST",
    headers: {
      Origin: ORIGIN,
      "Content-Type": "application/json",
      "CF-Connecting-IP": `10.1.${i >> 8}.${i & 255}`,
    },
    body: "{}",
  });
  const session = (await response.json()) as VisitorSessionResponse;
  const reader = new FrameReader<VisitorFrameOut>(
    await upgrade(`${BASE}${session.connectPath}?ticket=${encodeURIComponent(session.ticket)}`, ORIGIN),
  );
  reader.send({ type: "hello", lastSeq: 0 });
  reader.send({ type: "message", clientId: `m${i}`, text: `visitor ${i} needs help` });
  return { reader, conversationId: reader.until("ack", 20_000).then((ack) => ack.conversationId) };
}

async function agent(site: string, token: string): Promise<FrameReader<AgentFrameOut>> {
  const session = (await (await agentSession(site, token)).json()) as {
    tickets: { ticket: string; connectPath: string }[];
  };
  const reader = new FrameReader<AgentFrameOut>(
    await upgrade(
      `${BASE}${session.tickets[0]!.connectPath}?ticket=${encodeURIComponent(session.tickets[0]!.ticket)}`,
    ),
  );
  reader.send({ type: "presence", status: "online" });
  return reader;
}

describe("a rush", () => {
  it(
    "assigns 200 arriving chats to 20 agents coming online, within limits, each once",
    { timeout: 120_000 },
    async () => {
      const site = "rush";
      await admin("PUT", `/sites/${site}`, {
        name: "Rush",
        allowedOrigins: [ORIGIN],
        defaultTeam: "support",
      });
      await admin("PUT", `/sites/${site}/teams/support`, {
        name: "Support",
        preset: "high-touch",
        policy: { defaultLimit: LIMIT },
      });
      const tokens: [string, string][] = [];
      for (let a = 0; a < AGENTS; a++) {
        const id = `agent-${a}`;
        await admin("PUT", `/sites/${site}/agents/${id}`, { name: `Agent ${a}`, teams: ["support"] });
        tokens.push([
          id,
          ((await (await admin("POST", `/sites/${site}/agents/${id}/tokens`)).json()) as { token: string })
            .token,
        ]);
      }

      // Everyone at once: visitors and agents interleaved.
      const [visitors, agents] = await Promise.all([
        Promise.all(Array.from({ length: VISITORS }, (_, i) => visitor(site, i))),
        Promise.all(tokens.map(([, token]) => agent(site, token))),
      ]);
      const conversationIds = await Promise.all(visitors.map((v) => v.conversationId));
      expect(new Set(conversationIds).size).toBe(VISITORS);

      // Settle, then read the team's state as each agent sees it.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const snapshots = await Promise.all(
        agents.map(async (reader) => {
          reader.send({ type: "hello" });
          return reader.untilWhere("snapshot", () => true, 10_000);
        }),
      );
      const owner = new Map<string, string>();
      for (const snapshot of snapshots) {
        expect(snapshot.me.status).toBe("online");
        expect(snapshot.inbox.length).toBeLessThanOrEqual(LIMIT);
        expect(snapshot.me.open).toBe(snapshot.inbox.length);
        for (const conversation of snapshot.inbox) {
          expect(owner.has(conversation.id), `${conversation.id} assigned twice`).toBe(false);
          owner.set(conversation.id, snapshot.me.id);
        }
      }
      // Every seat is taken before anyone waits, and everything not assigned waits in the queue.
      expect(owner.size).toBe(AGENTS * LIMIT);
      const queue = snapshots[0]!.queue;
      expect(queue.length).toBe(VISITORS - AGENTS * LIMIT);
      for (const waiting of queue) expect(owner.has(waiting.id)).toBe(false);
      expect(new Set([...owner.keys(), ...queue.map((c) => c.id)])).toEqual(new Set(conversationIds));
    },
  );
});
