/**
 * Satisfaction ratings and the visitor's transcript, through the real Worker routes and the
 * TeamDO: a rating stored once and shown to agents (live, in the history and in the lead's
 * figures), every refusal a visitor can meet, the csat.submitted webhook at a real receiver
 * on 127.0.0.1 checked with the `standardwebhooks` library, and the transcript download for
 * the conversation's own visitor only, without agents' notes.
 */
import { SELF } from "cloudflare:test";
import { Webhook } from "standardwebhooks";
import { bytesToHex, hmacSha256 } from "../../core/crypto";
import { identityMessage } from "../../core/identity/identity-message";
import { describe, expect, inject, it } from "vitest";
import type {
  AgentFrameOut,
  HttpErrorBody,
  VisitorFrameOut,
  VisitorSessionResponse,
  WebhookEndpointCreated,
  WebhookPayload,
} from "../../protocol";
import {
  admin,
  BASE,
  connectAgent,
  connectVisitor,
  FrameReader,
  ORIGIN,
  seedSite,
  upgrade,
  type VisitorClient,
} from "./helpers";

const receiver = inject("webhookReceiver");

async function withCsat(site: string, settings: Record<string, unknown> = { csatEnabled: true }) {
  const tokens = await seedSite(site);
  const response = await admin("PUT", `/sites/${site}/teams/support`, { name: "Support", settings });
  expect(response.status).toBe(200);
  return tokens;
}

/** A visitor writes, Ana claims and replies (and leaves a note), and, unless told not to, closes. */
async function chat(site: string, tokens: Record<string, string>, close = true) {
  const visitor = await connectVisitor(site);
  await visitor.until("status");
  visitor.send({ type: "message", clientId: "v1", text: "where is <b>my</b> parcel?" });
  const { conversationId } = await visitor.until("ack");
  const agent = await connectAgent(site, tokens.ana!);
  agent.send({ type: "presence", status: "online" });
  agent.send({ type: "claim", conversationId });
  await agent.until("assigned");
  agent.send({ type: "note", conversationId, clientId: "n1", text: "secret: refund approved" });
  await agent.until("ack");
  agent.send({ type: "message", conversationId, clientId: "a1", text: "on its way" });
  await agent.until("ack");
  if (close) {
    agent.send({ type: "close", conversationId });
    await agent.untilWhere("unassigned", (frame) => frame.reason === "closed");
  }
  return { visitor, agent, conversationId };
}

function conversationUrl(site: string, conversationId: string, what: string) {
  return `${BASE}/v1/sites/${site}/teams/support/conversations/${conversationId}/${what}`;
}

function rate(site: string, visitor: VisitorClient, conversationId: string, body: unknown, origin = ORIGIN) {
  return SELF.fetch(conversationUrl(site, conversationId, "csat"), {
    method: "POST",
    headers: {
      Origin: origin,
      "Content-Type": "application/json",
      Authorization: `Bearer ${visitor.session.visitorToken}`,
    },
    body: JSON.stringify(body),
  });
}

function transcript(site: string, token: string, conversationId: string, format?: string) {
  return SELF.fetch(
    `${conversationUrl(site, conversationId, "transcript")}${format ? `?format=${format}` : ""}`,
    {
      headers: { Origin: ORIGIN, Authorization: `Bearer ${token}` },
    },
  );
}

async function errorOf(response: Response) {
  return ((await response.json()) as HttpErrorBody).error;
}

describe("CSAT", () => {
  it("asks once the chat closed, stores the rating and shows it to agents and in the figures", async () => {
    const tokens = await withCsat("csat-ok");
    const { visitor, agent, conversationId } = await chat("csat-ok", tokens);
    const closed = await visitor.untilWhere("status", (frame) => frame.state === "closed");
    expect(closed).toMatchObject({ conversationId, rate: true });

    const response = await rate("csat-ok", visitor, conversationId, {
      score: 4,
      comment: "  quick, thanks  ",
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      conversationId,
      score: 4,
      comment: "quick, thanks",
      agentId: "ana",
    });
    // The offer is gone from the visitor's status.
    const after = await visitor.untilWhere("status", (frame) => frame.state === "closed");
    expect(after.rate).toBeUndefined();

    const live = await agent.until("rating");
    expect(live.rating).toMatchObject({ conversationId, score: 4, comment: "quick, thanks" });
    agent.send({ type: "history", conversationId, afterSeq: 0 });
    const history = await agent.until("history");
    expect(history.rating).toMatchObject({ score: 4 });

    agent.send({ type: "stats" });
    const stats = await agent.until("stats");
    expect(stats.csat.ratings).toBe(1);
    expect(stats.csat.average).toBe(4);
    expect(stats.csat.byAgent).toEqual([{ agentId: "ana", name: "Ana", ratings: 1, average: 4 }]);
    const hour = new Date(stats.at).getUTCHours();
    expect(stats.csat.averageByHour[hour]).toBe(4);
    expect(stats.csat.ratingsByHour.reduce((a, b) => a + b, 0)).toBe(1);
  });

  it("refuses a second rating, one before the close, another visitor's, a bad score and no token", async () => {
    const tokens = await withCsat("csat-refuse");
    const open = await chat("csat-refuse", tokens, false);
    let response = await rate("csat-refuse", open.visitor, open.conversationId, { score: 5 });
    expect(response.status).toBe(409);
    expect((await errorOf(response)).code).toBe("conversation_open");

    open.agent.send({ type: "close", conversationId: open.conversationId });
    await open.agent.untilWhere("unassigned", (frame) => frame.reason === "closed");

    const stranger = await connectVisitor("csat-refuse");
    await stranger.until("status");
    response = await rate("csat-refuse", stranger, open.conversationId, { score: 1 });
    expect(response.status).toBe(403);
    expect((await errorOf(response)).code).toBe("forbidden");

    for (const [body, path] of [
      [{ score: 6 }, "score"],
      [{ score: 0 }, "score"],
      [{ score: 3.5 }, "score"],
      [{ score: 3, comment: "x".repeat(1001) }, "comment"],
      [{ score: 3, extra: true }, ""],
    ] as const) {
      response = await rate("csat-refuse", open.visitor, open.conversationId, body);
      expect(response.status).toBe(400);
      const error = await errorOf(response);
      expect(error.code).toBe("invalid_frame");
      if (path) expect(error.path).toBe(path);
    }

    response = await SELF.fetch(conversationUrl("csat-refuse", open.conversationId, "csat"), {
      method: "POST",
      headers: { Origin: ORIGIN, "Content-Type": "application/json" },
      body: JSON.stringify({ score: 3 }),
    });
    expect(response.status).toBe(401);
    response = await rate(
      "csat-refuse",
      open.visitor,
      open.conversationId,
      { score: 3 },
      "https://evil.example",
    );
    expect(response.status).toBe(403);
    expect((await errorOf(response)).code).toBe("origin_not_allowed");
    response = await rate("csat-refuse", open.visitor, "c_nosuchconversation", { score: 3 });
    expect(response.status).toBe(404);

    expect((await rate("csat-refuse", open.visitor, open.conversationId, { score: 2 })).status).toBe(200);
    response = await rate("csat-refuse", open.visitor, open.conversationId, { score: 5 });
    expect(response.status).toBe(409);
    expect((await errorOf(response)).code).toBe("already_rated");
  });

  it("is off unless the team turns it on: no offer and a refusal", async () => {
    const tokens = await withCsat("csat-off", {});
    const { visitor, conversationId } = await chat("csat-off", tokens);
    const closed = await visitor.untilWhere("status", (frame) => frame.state === "closed");
    expect(closed.conversationId).toBe(conversationId);
    expect(closed.rate).toBeUndefined();
    const response = await rate("csat-off", visitor, conversationId, { score: 5 });
    expect(response.status).toBe(403);
    expect((await errorOf(response)).message).toContain("does not ask for ratings");
  });

  it("sends csat.submitted, signed, to the site's endpoint", async () => {
    const tokens = await withCsat("csat-hook");
    const created = await admin("PUT", "/sites/csat-hook/webhooks/csat-hook", {
      url: `${receiver}/hook/csat-hook`,
      events: ["csat.submitted"],
    });
    const { secret } = (await created.json()) as WebhookEndpointCreated;
    const { visitor, conversationId } = await chat("csat-hook", tokens);
    await visitor.untilWhere("status", (frame) => frame.state === "closed");
    expect((await rate("csat-hook", visitor, conversationId, { score: 5, comment: "great" })).status).toBe(
      200,
    );
    let got: { headers: Record<string, string>; body: string }[] = [];
    for (const until = Date.now() + 10_000; got.length === 0 && Date.now() < until;) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      got = (await (await fetch(`${receiver}/_log/csat-hook`)).json()) as typeof got;
    }
    expect(got).toHaveLength(1);
    const payload = new Webhook(secret!).verify(got[0]!.body, got[0]!.headers) as WebhookPayload;
    expect(payload.type).toBe("csat.submitted");
    expect(payload.data).toMatchObject({
      conversationId,
      teamId: "support",
      rating: { score: 5, comment: "great" },
      agent: { id: "ana", name: "Ana" },
    });
  });
});

describe("the visitor's transcript", () => {
  it("serves the conversation's own visitor, without notes, and nobody else", async () => {
    const tokens = await withCsat("transcript");
    const { visitor, conversationId } = await chat("transcript", tokens);
    const token = visitor.session.visitorToken;

    const text = await transcript("transcript", token, conversationId);
    expect(text.status).toBe(200);
    expect(text.headers.get("content-type")).toContain("text/plain");
    expect(text.headers.get("content-disposition")).toContain("attachment");
    expect(text.headers.get("access-control-allow-origin")).toBe(ORIGIN);
    const body = await text.text();
    expect(body).toContain("Shop — conversation with Support");
    expect(body).toContain("You: where is <b>my</b> parcel?");
    expect(body).toContain("Ana: on its way");
    expect(body).not.toContain("refund approved");

    const html = await (await transcript("transcript", token, conversationId, "html")).text();
    expect(html).toContain("<title>Shop — conversation with Support</title>");
    expect(html).toContain("where is &lt;b&gt;my&lt;/b&gt; parcel?");
    expect(html).not.toContain("refund approved");

    const stranger = await connectVisitor("transcript");
    await stranger.until("status");
    const refused = await transcript("transcript", stranger.session.visitorToken, conversationId);
    expect(refused.status).toBe(403);
    expect((await errorOf(refused)).code).toBe("forbidden");
    expect((await transcript("transcript", "not-a-token", conversationId)).status).toBe(401);
    const badFormat = await transcript("transcript", token, conversationId, "pdf");
    expect(badFormat.status).toBe(400);
    expect((await errorOf(badFormat)).path).toBe("format");
  });

  it("states times in the visitor's time zone", async () => {
    await withCsat("transcript-zone");
    const session = (await (
      await SELF.fetch(`${BASE}/v1/sites/transcript-zone/session`, {
        method: "POST",
        headers: { Origin: ORIGIN, "Content-Type": "application/json" },
        body: JSON.stringify({ timeZone: "Asia/Tokyo", locale: "en-GB" }),
      })
    ).json()) as VisitorSessionResponse;
    const ws = await upgrade(
      `${BASE}${session.connectPath}?ticket=${encodeURIComponent(session.ticket)}`,
      ORIGIN,
    );
    const visitor = new FrameReader<VisitorFrameOut>(ws);
    visitor.send({ type: "hello", lastSeq: 0 });
    await visitor.until("status");
    visitor.send({ type: "message", clientId: "z1", text: "hi" });
    const { conversationId } = await visitor.until("ack");
    const body = await (await transcript("transcript-zone", session.visitorToken, conversationId)).text();
    expect(body).toContain("times in Asia/Tokyo");
    const tokyoHour = new Intl.DateTimeFormat("en-GB", {
      timeZone: "Asia/Tokyo",
      hour: "2-digit",
      hourCycle: "h23",
    }).format(Date.now());
    // en-GB: "2 Dec 2026, 12:40", the hour Tokyo's.
    expect(body).toMatch(new RegExp(`\\[\\d{1,2} \\w{3} \\d{4}, ${tokyoHour}:\\d\\d\\] You: hi`));
  });
});

describe("the transcript by e-mail (transcriptByEmail)", () => {
  it("rides on conversation.closed when the visitor's e-mail is known, without notes", async () => {
    const site = "transcript-mail";
    const tokens = await withCsat(site, { transcriptByEmail: true });
    const secret = "identity-secret-0123456789abcdef0123456789";
    expect((await admin("PUT", `/sites/${site}/identity-secrets`, { current: secret })).status).toBe(200);
    const created = await admin("PUT", `/sites/${site}/webhooks/${site}`, {
      url: `${receiver}/hook/${site}`,
      events: ["conversation.closed"],
    });
    const { secret: hookSecret } = (await created.json()) as WebhookEndpointCreated;

    const user = { id: "42", name: "Camille", email: "camille@example.com" };
    const hash = bytesToHex(await hmacSha256(secret, identityMessage(user)));
    const closeOne = async (body: Record<string, unknown>, text: string) => {
      const session = (await (
        await SELF.fetch(`${BASE}/v1/sites/${site}/session`, {
          method: "POST",
          headers: { Origin: ORIGIN, "Content-Type": "application/json" },
          body: JSON.stringify(body),
        })
      ).json()) as VisitorSessionResponse;
      const visitor = new FrameReader<VisitorFrameOut>(
        await upgrade(`${BASE}${session.connectPath}?ticket=${encodeURIComponent(session.ticket)}`, ORIGIN),
      );
      visitor.send({ type: "hello", lastSeq: 0 });
      visitor.send({ type: "message", clientId: "m1", text });
      const { conversationId } = await visitor.until("ack");
      const agent: FrameReader<AgentFrameOut> = await connectAgent(site, tokens.ana!);
      agent.send({ type: "presence", status: "online" });
      agent.send({ type: "claim", conversationId });
      await agent.until("assigned");
      agent.send({ type: "note", conversationId, clientId: "n1", text: "private: VIP discount" });
      await agent.until("ack");
      agent.send({ type: "close", conversationId });
      await agent.untilWhere("unassigned", (frame) => frame.reason === "closed");
      return conversationId;
    };
    const withEmail = await closeOne({ user: { ...user, hash } }, "please mail me this");
    const anonymous = await closeOne({}, "no e-mail here");

    let got: { headers: Record<string, string>; body: string }[] = [];
    for (const until = Date.now() + 10_000; got.length < 2 && Date.now() < until;) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      got = (await (await fetch(`${receiver}/_log/${site}`)).json()) as typeof got;
    }
    const payloads = got.map(
      (request) => new Webhook(hookSecret!).verify(request.body, request.headers) as WebhookPayload,
    );
    const mailed = payloads.find((payload) => payload.data.conversationId === withEmail)!;
    expect(mailed.data.visitor).toMatchObject({ email: "camille@example.com" });
    expect(mailed.data.transcript?.text).toContain("You: please mail me this");
    expect(mailed.data.transcript?.text).not.toContain("VIP discount");
    const unmailed = payloads.find((payload) => payload.data.conversationId === anonymous)!;
    expect(unmailed.data.transcript).toBeUndefined();
  });
});
