/**
 * Outgoing webhooks, delivered by the TeamDO to a real HTTP receiver on 127.0.0.1 (started
 * by `webhook-receiver.global.ts`): every body signed and checked with the `standardwebhooks`
 * library, in order per conversation, retried after 500s and timeouts under the same
 * webhook-id, the endpoint disabled after its run of failures and re-enabled by the admin
 * route, reply.missed sent only when the visitor has not seen the reply.
 */
import { env, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { Webhook } from "standardwebhooks";
import { describe, expect, inject, it } from "vitest";
import {
  WEBHOOK_DISABLE_AFTER_FAILURES,
  type WebhookDeliveryView,
  type WebhookEndpointCreated,
  type WebhookPayload,
} from "../../protocol";
import { teamStub } from "../../durable-objects/addresses";
import { MAX_ATTEMPTS } from "../../core/webhooks";
import { admin, connectAgent, connectVisitor, seedSite } from "./helpers";

const receiver = inject("webhookReceiver");

interface Received {
  headers: Record<string, string>;
  body: string;
}

async function received(key: string): Promise<Received[]> {
  return (await (await fetch(`${receiver}/_log/${key}`)).json()) as Received[];
}

/** Waits until the receiver has `count` requests for `key`. */
async function receivedAtLeast(key: string, count: number, timeoutMs = 10_000): Promise<Received[]> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const got = await received(key);
    if (got.length >= count || Date.now() > until) return got;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function script(key: string, statuses: number[]): Promise<void> {
  await fetch(`${receiver}/_script/${key}`, { method: "POST", body: JSON.stringify(statuses) });
}

async function addEndpoint(site: string, key: string, body: Record<string, unknown> = {}) {
  const response = await admin("PUT", `/sites/${site}/webhooks/${key}`, {
    url: `${receiver}/hook/${key}`,
    ...body,
  });
  expect(response.status).toBe(200);
  return (await response.json()) as WebhookEndpointCreated;
}

function verified(secret: string, request: Received): WebhookPayload {
  return new Webhook(secret).verify(request.body, request.headers) as WebhookPayload;
}

/** Makes every waiting delivery of the team due now and runs its alarm (no waiting out the backoff). */
async function retryNow(site: string): Promise<void> {
  const stub = teamStub(env, site, "support");
  await runInDurableObject(stub, (_instance, state: DurableObjectState) => {
    state.storage.sql.exec("UPDATE webhook_deliveries SET next_at = 1 WHERE status = 'pending'");
  });
  await runDurableObjectAlarm(stub);
}

/**
 * Waits until the team object has recorded `attempts` tries of the conversation's first event.
 * The receiver logs a request before its answer reaches the object, so a retry forced right
 * after `receivedAtLeast` could find that first try still in flight and skip it.
 */
async function firstEventTried(site: string, key: string, attempts: number): Promise<void> {
  const until = Date.now() + 10_000;
  while (Date.now() < until) {
    const log = await deliveries(site, key);
    if (log.some((d) => d.type === "conversation.created" && d.attempts >= attempts)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${site}: the first event was not tried ${attempts} time(s) within 10 s`);
}

async function deliveries(site: string, key: string): Promise<WebhookDeliveryView[]> {
  return (await (
    await admin("GET", `/sites/${site}/webhooks/${key}/deliveries`)
  ).json()) as WebhookDeliveryView[];
}

/** A visitor writes, Ana goes online and gets it, replies, and closes. */
async function oneChat(site: string, tokens: Record<string, string>) {
  const visitor = await connectVisitor(site);
  await visitor.until("status");
  visitor.send({ type: "message", clientId: "v1", text: "hello, my order?" });
  const { conversationId } = await visitor.until("ack");
  const agent = await connectAgent(site, tokens.ana!);
  agent.send({ type: "presence", status: "online" });
  agent.send({ type: "claim", conversationId });
  await agent.until("assigned");
  agent.send({ type: "message", conversationId, clientId: "a1", text: "on its way" });
  await agent.until("ack");
  agent.send({ type: "close", conversationId });
  await agent.untilWhere("unassigned", (frame) => frame.reason === "closed");
  return { visitor, agent, conversationId };
}

describe("webhooks", () => {
  it("delivers each event once, signed, in the conversation's order, without system lines", async () => {
    const tokens = await seedSite("wh-order");
    const { secret } = await addEndpoint("wh-order", "wh-order");
    expect(secret).toMatch(/^whsec_/);
    const listed = (await (await admin("GET", "/sites/wh-order/webhooks")).json()) as Record<
      string,
      unknown
    >[];
    expect(JSON.stringify(listed)).not.toContain(secret!);
    expect(listed[0]).toMatchObject({
      id: "wh-order",
      secretFingerprint: expect.stringMatching(/^[0-9a-f]{12}$/),
    });

    const { conversationId } = await oneChat("wh-order", tokens);
    const got = await receivedAtLeast("wh-order", 5);
    const payloads = got.map((request) => verified(secret!, request));
    expect(payloads.map((p) => p.type)).toEqual([
      "conversation.created",
      "message.created",
      "conversation.assigned",
      "message.created",
      "conversation.closed",
    ]);
    expect(
      payloads.every((p) => p.data.conversationId === conversationId && p.data.teamId === "support"),
    ).toBe(true);
    expect(payloads[1]!.data.message).toMatchObject({ from: "visitor", text: "hello, my order?" });
    expect(payloads[3]!.data.message).toMatchObject({ from: "agent", text: "on its way", agentId: "ana" });
    expect(payloads[2]!.data.agent).toEqual({ id: "ana", name: "Ana" });
    const ids = got.map((request) => request.headers["webhook-id"]);
    expect(new Set(ids).size).toBe(ids.length);
    // A forged body fails the library's check.
    const forged = { ...got[1]!, body: got[1]!.body.replace("my order", "a refund") };
    expect(() => verified(secret!, forged)).toThrow();
    const log = await deliveries("wh-order", "wh-order");
    expect(log.filter((d) => d.status === "delivered")).toHaveLength(5);
  });

  it("retries after a 500 and a timeout with the same webhook-id, and keeps the order", async () => {
    const tokens = await seedSite("wh-retry");
    await script("wh-retry", [500, 0, 200]);
    const { secret } = await addEndpoint("wh-retry", "wh-retry", {
      events: ["conversation.created", "message.created"],
    });
    const visitor = await connectVisitor("wh-retry");
    await visitor.until("status");
    visitor.send({ type: "message", clientId: "r1", text: "first" });
    await visitor.until("ack");
    expect(await receivedAtLeast("wh-retry", 1)).toHaveLength(1);
    await firstEventTried("wh-retry", "wh-retry", 1);
    let log = await deliveries("wh-retry", "wh-retry");
    expect(log.find((d) => d.type === "conversation.created")).toMatchObject({
      status: "pending",
      attempts: 1,
      lastStatus: 500,
    });
    // The message waits behind the conversation's first event.
    expect(log.find((d) => d.type === "message.created")).toMatchObject({ status: "pending", attempts: 0 });

    await retryNow("wh-retry"); // the receiver does not answer: timed out
    log = await deliveries("wh-retry", "wh-retry");
    expect(log.find((d) => d.type === "conversation.created")).toMatchObject({
      attempts: 2,
      lastError: expect.stringContaining("no answer"),
    });

    await retryNow("wh-retry");
    const got = await receivedAtLeast("wh-retry", 4);
    const types = got.map((request) => verified(secret!, request).type);
    expect(types).toEqual([
      "conversation.created",
      "conversation.created",
      "conversation.created",
      "message.created",
    ]);
    expect(new Set(got.slice(0, 3).map((r) => r.headers["webhook-id"])).size).toBe(1);
    expect(got[3]!.headers["webhook-id"]).not.toBe(got[0]!.headers["webhook-id"]);
    log = await deliveries("wh-retry", "wh-retry");
    expect(log.map((d) => d.status)).toEqual(["delivered", "delivered"]);
    void tokens;
  }, 30_000);

  it(`disables an endpoint after ${WEBHOOK_DISABLE_AFTER_FAILURES} failures in a row; enabling resumes delivery`, async () => {
    await seedSite("wh-off");
    await script("wh-off", [500]);
    const { secret } = await addEndpoint("wh-off", "wh-off", {
      events: ["conversation.created", "message.created"],
    });
    const visitor = await connectVisitor("wh-off");
    await visitor.until("status");
    visitor.send({ type: "message", clientId: "o1", text: "anyone?" });
    await visitor.until("ack");
    await receivedAtLeast("wh-off", 1);
    // Retries are forced until the endpoint is disabled, not a fixed number of times: under a
    // full test run a forced retry can find the previous attempt still in flight and do nothing.
    // How many attempts there were is checked below, from what the receiver got.
    type EndpointView = { disabledAt: number | null; disabledReason: string };
    const endpointNow = async () =>
      ((await (await admin("GET", "/sites/wh-off/webhooks")).json()) as EndpointView[])[0];
    let endpoint = await endpointNow();
    for (let i = 0; i < 3 * WEBHOOK_DISABLE_AFTER_FAILURES && endpoint?.disabledAt === null; i++) {
      await retryNow("wh-off");
      endpoint = await endpointNow();
    }
    expect(endpoint!.disabledAt).not.toBeNull();
    expect(endpoint!.disabledReason).toContain(`${WEBHOOK_DISABLE_AFTER_FAILURES} failed attempts`);
    await retryNow("wh-off");
    expect(await received("wh-off")).toHaveLength(WEBHOOK_DISABLE_AFTER_FAILURES);

    await script("wh-off", [200]);
    const enabled = await admin("POST", "/sites/wh-off/webhooks/wh-off/enable");
    expect(await enabled.json()).toMatchObject({ disabledAt: null });
    const got = await receivedAtLeast("wh-off", WEBHOOK_DISABLE_AFTER_FAILURES + 1);
    expect(got).toHaveLength(WEBHOOK_DISABLE_AFTER_FAILURES + 1);
    expect(verified(secret!, got.at(-1)!).type).toBe("message.created");
    // The first event used up its schedule (MAX_ATTEMPTS) and failed; the message waited, then went.
    const log = await deliveries("wh-off", "wh-off");
    expect(log.map((d) => [d.type, d.status, d.attempts])).toEqual([
      ["message.created", "delivered", WEBHOOK_DISABLE_AFTER_FAILURES - MAX_ATTEMPTS + 1],
      ["conversation.created", "failed", MAX_ATTEMPTS],
    ]);
  });

  it("sends reply.missed with the visitor's e-mail only for a reply they have not seen", async () => {
    const tokens = await seedSite("wh-missed");
    const { secret } = await addEndpoint("wh-missed", "wh-missed", {
      events: ["reply.missed"],
      replyMissedMinutes: 5,
    });
    const { visitor, conversationId } = await oneChat("wh-missed", tokens);
    await retryNow("wh-missed");
    const got = await receivedAtLeast("wh-missed", 1);
    expect(got).toHaveLength(1);
    const payload = verified(secret!, got[0]!);
    expect(payload).toMatchObject({
      type: "reply.missed",
      data: { conversationId, message: { from: "agent", text: "on its way" } },
    });
    expect(payload.data.visitor).toHaveProperty("email");

    // Seen in time: nothing is sent.
    const again = await connectVisitor("wh-missed", { visitorToken: visitor.session.visitorToken });
    await again.until("welcome");
    again.send({ type: "message", clientId: "v2", text: "one more thing" });
    const ack = await again.until("ack");
    const agent = await connectAgent("wh-missed", tokens.ana!);
    agent.send({ type: "presence", status: "online" });
    agent.send({ type: "claim", conversationId: ack.conversationId });
    await agent.until("assigned");
    agent.send({ type: "message", conversationId: ack.conversationId, clientId: "a2", text: "sure" });
    const seen = await again.untilWhere("message", (m) => m.from === "agent");
    again.send({ type: "read", seq: seen.seq });
    await new Promise((resolve) => setTimeout(resolve, 200));
    await retryNow("wh-missed");
    expect(await received("wh-missed")).toHaveLength(1);
    expect((await deliveries("wh-missed", "wh-missed"))[0]).toMatchObject({ status: "skipped" });
  });
});
