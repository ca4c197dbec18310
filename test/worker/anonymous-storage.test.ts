/**
 * Nobody anonymous creates storage (issue 14, finding 4): sessions for site names nobody
 * configured answer 404 and leave no object with storage, and from one address they are cut
 * off with 429; refused agent sessions likewise, and an agent token that does not verify for
 * the named site is refused before the site directory is asked; a transfer to a team the site
 * does not have is refused before any object is touched.
 */
import { env, listDurableObjectIds, runInDurableObject, SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { siteDirectoryStub, siteStub, teamStub } from "../../durable-objects/addresses";
import type { SiteDO } from "../../durable-objects/site/site-do";
import { SESSIONS_PER_IP_PER_WINDOW } from "../../protocol";
import { BASE, connectAgent, connectVisitor, ORIGIN, seedSite } from "./helpers";
import { burstInOneWindow } from "./limiter-window";

async function storedIds<T extends Rpc.DurableObjectBranded | undefined>(
  namespace: DurableObjectNamespace<T>,
): Promise<Set<string>> {
  return new Set((await listDurableObjectIds(namespace)).map((id) => id.toString()));
}

describe("unknown names from anonymous requests", () => {
  it("answer 404 without storage, then 429 for the address", async () => {
    const { result: statuses } = await burstInOneWindow(
      (attempt) => `198.18.0.${40 + 10 * attempt}`,
      async (ip) => {
        const statuses: number[] = [];
        for (let i = 0; i < 40; i++) {
          const response = await SELF.fetch(`${BASE}/v1/sites/junk-${i}/session`, {
            method: "POST",
            headers: { Origin: ORIGIN, "Content-Type": "application/json", "CF-Connecting-IP": ip },
            body: "{}",
          });
          statuses.push(response.status);
          await response.arrayBuffer();
        }
        return statuses;
      },
    );
    expect(statuses.slice(0, SESSIONS_PER_IP_PER_WINDOW).every((status) => status === 404)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    for (let i = 0; i < 20; i++) {
      const response = await SELF.fetch(`${BASE}/v1/sites/junk-agent-${i}/agent/session`, {
        method: "POST",
        headers: { Authorization: "Bearer x.y", "CF-Connecting-IP": "198.18.0.41" },
      });
      await response.arrayBuffer();
    }
    const stored = await storedIds(env.SITE);
    for (let i = 0; i < 40; i++) expect(stored.has(env.SITE.idFromName(`junk-${i}`).toString())).toBe(false);
    for (let i = 0; i < 20; i++)
      expect(stored.has(env.SITE.idFromName(`junk-agent-${i}`).toString())).toBe(false);
    // Another address still gets its honest answer.
    const other = await SELF.fetch(`${BASE}/v1/sites/junk-0/session`, {
      method: "POST",
      headers: { Origin: ORIGIN, "Content-Type": "application/json", "CF-Connecting-IP": "198.18.0.99" },
      body: "{}",
    });
    expect(other.status).toBe(404);
    expect(await siteStub(env, "junk-0").getSite()).toBeNull();
  });

  it("refuse a forged or another site's agent token before asking the site directory", async () => {
    const tokens = await seedSite("anon-directory");
    // Counts the lookups that reach the site directory object (RPC calls the class's method,
    // so the count goes on the prototype, and comes off at the end).
    let asked = 0;
    const prototype = await runInDurableObject(
      siteDirectoryStub(env),
      (instance: SiteDO) => Object.getPrototypeOf(instance) as SiteDO,
    );
    const directoryHas = Object.getOwnPropertyDescriptor(prototype, "directoryHas")!;
    Object.defineProperty(prototype, "directoryHas", {
      ...directoryHas,
      value(this: SiteDO, siteId: string) {
        asked++;
        return (directoryHas.value as SiteDO["directoryHas"]).call(this, siteId);
      },
    });
    try {
      const agentSession = (site: string, bearer: string, ip: string) =>
        SELF.fetch(`${BASE}/v1/sites/${site}/agent/session`, {
          method: "POST",
          headers: { Authorization: `Bearer ${bearer}`, "CF-Connecting-IP": ip },
        });
      const forged = await agentSession("junk-forged", "forged.token", "198.18.0.43");
      expect(forged.status).toBe(401);
      await forged.arrayBuffer();
      // A real token of another site, on a junk name: refused from its signature too.
      const foreign = await agentSession("junk-foreign", tokens.ana!, "198.18.0.43");
      expect(foreign.status).toBe(401);
      await foreign.arrayBuffer();
      expect(asked).toBe(0);
      // The count works: a junk name in a visitor session is looked up (nothing else tells it).
      const visitor = await SELF.fetch(`${BASE}/v1/sites/junk-looked-up/session`, {
        method: "POST",
        headers: { Origin: ORIGIN, "Content-Type": "application/json", "CF-Connecting-IP": "198.18.0.44" },
        body: "{}",
      });
      expect(visitor.status).toBe(404);
      await visitor.arrayBuffer();
      expect(asked).toBe(1);
      // And the site's own token still opens a session.
      const own = await agentSession("anon-directory", tokens.ana!, "198.18.0.43");
      expect(own.status).toBe(200);
      await own.arrayBuffer();
    } finally {
      Object.defineProperty(prototype, "directoryHas", directoryHas);
    }
  });

  it("cut off refused agent sessions from one address with 429", async () => {
    await seedSite("anon-agents");
    const { result: statuses } = await burstInOneWindow(
      (attempt) => `198.18.0.${42 + 10 * attempt}`,
      async (ip) => {
        const statuses: number[] = [];
        for (let i = 0; i < SESSIONS_PER_IP_PER_WINDOW + 2; i++) {
          const response = await SELF.fetch(`${BASE}/v1/sites/anon-agents/agent/session`, {
            method: "POST",
            headers: { Authorization: "Bearer forged.token", "CF-Connecting-IP": ip },
          });
          statuses.push(response.status);
          await response.arrayBuffer();
        }
        return statuses;
      },
    );
    expect(statuses[0]).toBe(401);
    expect(statuses.at(-1)).toBe(429);
  });
});

describe("a transfer to a team that does not exist", () => {
  it("is refused before any object is touched", async () => {
    const tokens = await seedSite("anon-xfer");
    const ana = await connectAgent("anon-xfer", tokens.ana!);
    await ana.until("snapshot");
    ana.send({ type: "presence", status: "online" });
    const visitor = await connectVisitor("anon-xfer");
    await visitor.until("welcome");
    visitor.send({ type: "message", clientId: "v1", text: "hello" });
    const { conversationId } = await visitor.until("ack");
    ana.send({ type: "claim", conversationId });
    await ana.until("assigned");
    ana.send({ type: "transfer", conversationId, toTeamId: "ghost" });
    expect(await ana.until("error")).toMatchObject({ code: "not_found" });
    const ghost = env.TEAM.idFromName("anon-xfer/ghost").toString();
    expect((await storedIds(env.TEAM)).has(ghost)).toBe(false);
    expect(teamStub(env, "anon-xfer", "support")).toBeDefined();
  });
});
