/**
 * What the visitor is told, from the team object: the team's welcome and assigned lines in
 * the visitor's language, the away message with the next opening outside business hours,
 * and a live queue position and estimate that move as the queue moves.
 */
import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { VisitorFrameOut, VisitorSessionResponse } from "../../protocol";
import { admin, BASE, closedNowHours, connectAgent, FrameReader, ORIGIN, seedSite, upgrade } from "./helpers";

async function visitorIn(
  site: string,
  locale: string,
  timeZone = "Europe/Madrid",
): Promise<FrameReader<VisitorFrameOut>> {
  const response = await SELF.fetch(`${BASE}/v1/sites/${site}/session`, {
    method: "POST",
    headers: {
      Origin: ORIGIN,
      "Content-Type": "application/json",
      "CF-Connecting-IP": `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
    },
    body: JSON.stringify({ locale, timeZone }),
  });
  const session = (await response.json()) as VisitorSessionResponse;
  const reader = new FrameReader<VisitorFrameOut>(
    await upgrade(`${BASE}${session.connectPath}?ticket=${encodeURIComponent(session.ticket)}`, ORIGIN),
  );
  reader.send({ type: "hello", lastSeq: 0 });
  await reader.until("status");
  return reader;
}

describe("messages to the visitor", () => {
  it("welcomes and names the agent in the visitor's language", async () => {
    const tokens = await seedSite("msg-lang");
    await admin("PUT", "/sites/msg-lang/teams/support", { name: "Soporte", preset: "high-touch" });
    const ana = await connectAgent("msg-lang", tokens.ana!);
    ana.send({ type: "presence", status: "online" });
    await ana.until("queue");
    const es = await visitorIn("msg-lang", "es-MX");
    es.send({ type: "message", clientId: "m", text: "hola" });
    const welcome = await es.untilWhere("message", (m) => m.from === "system");
    expect(welcome.text).toMatch(/^¡Hola!/);
    const assigned = await es.untilWhere("message", (m) => m.from === "system");
    expect(assigned.text).toContain("Ana");
    expect(assigned.text).toMatch(/Estás hablando con Ana/);
    const status = await es.untilWhere("status", (s) => s.state === "assigned");
    expect(status).toMatchObject({ agent: { name: "Ana" }, text: expect.stringContaining("Ana") });

    const fr = await visitorIn("msg-lang", "fr-FR");
    fr.send({ type: "message", clientId: "m", text: "bonjour" });
    expect((await fr.untilWhere("message", (m) => m.from === "system")).text).toMatch(/^Bonjour/);
  });

  it("tells a visitor outside business hours when the team opens, in their language", async () => {
    await seedSite("msg-away");
    await admin("PUT", "/sites/msg-away/teams/support", { name: "Support", hours: closedNowHours() });
    const en = await visitorIn("msg-away", "en-US", "America/New_York");
    en.send({ type: "hello", lastSeq: 0 });
    const status = await en.untilWhere("status", (s) => s.state === "away");
    expect(status.opensAt).toBeGreaterThan(Date.now());
    expect(status.offlineForm).toBe(false);
    // The opening, in the visitor's own words and zone: a weekday and a time.
    expect(status.text).toMatch(/(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday).*\d/);
    // The message is accepted and queued for the opening, with the away line in the transcript.
    en.send({ type: "message", clientId: "m", text: "anyone?" });
    await en.until("ack");
    // The away line, and no "How can we help?" while nobody can help (issue 15, 5).
    en.send({ type: "hello", lastSeq: 0 });
    const lines = (await en.until("welcome")).messages.filter((m) => m.from === "system").map((m) => m.text);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^We're away right now and will be back .*as soon as we're back\.$/);
    const ru = await visitorIn("msg-away", "ru", "Europe/Moscow");
    ru.send({ type: "hello", lastSeq: 0 });
    expect((await ru.untilWhere("status", (s) => s.state === "away")).text).toMatch(/[а-я]/);
  });

  it("takes an offline message instead of a chat when the team asks for the form", async () => {
    await seedSite("msg-form");
    await admin("PUT", "/sites/msg-form/teams/support", {
      name: "Support",
      hours: { ...closedNowHours(), outsideHours: "offline-form" },
    });
    const visitor = await visitorIn("msg-form", "en");
    visitor.send({ type: "hello", lastSeq: 0 });
    expect(await visitor.untilWhere("status", (s) => s.state === "away")).toMatchObject({
      offlineForm: true,
    });
    visitor.send({
      type: "offline",
      clientId: "o",
      email: "sam@example.com",
      name: "Sam",
      text: "Please call me back",
    });
    const ack = await visitor.until("ack");
    expect(ack.clientId).toBe("o");
    const tokens = await (await admin("POST", "/sites/msg-form/agents/ana/tokens")).json<{ token: string }>();
    const ana = await connectAgent("msg-form", tokens.token);
    ana.send({ type: "presence", status: "online" });
    const queue = await ana.until("queue");
    expect(queue.queue[0]).toMatchObject({
      id: ack.conversationId,
      offline: true,
      visitor: { email: "sam@example.com", name: "Sam" },
    });
  });

  it("outside hours with the form, a plain message is kept as an offline message and the visitor told so (issue 13, 5)", async () => {
    await seedSite("msg-form-plain");
    await admin("PUT", "/sites/msg-form-plain/teams/support", {
      name: "Support",
      hours: { ...closedNowHours(), outsideHours: "offline-form" },
    });
    const visitor = await visitorIn("msg-form-plain", "en");
    visitor.send({ type: "message", clientId: "m", text: "is anyone there?" });
    // Told before the ack: the away line of the queueing kind, not a refusal.
    const told = await visitor.untilWhere("message", (m) => m.from === "system" && m.text.includes("away"));
    expect(told.text).toContain("we'll reply as soon as we're back");
    const ack = await visitor.until("ack");
    expect(ack.clientId).toBe("m");
    const tokens = await (
      await admin("POST", "/sites/msg-form-plain/agents/ana/tokens")
    ).json<{ token: string }>();
    const ana = await connectAgent("msg-form-plain", tokens.token);
    ana.send({ type: "presence", status: "online" });
    // Kept for the agents, in the queue as an offline message.
    const queue = await ana.until("queue");
    expect(queue.queue).toEqual([expect.objectContaining({ id: ack.conversationId, offline: true })]);
  });

  it("outside hours with the form, an agent online gets a plain message as a chat", async () => {
    const tokens = await seedSite("msg-form-online");
    await admin("PUT", "/sites/msg-form-online/teams/support", {
      name: "Support",
      preset: "high-touch",
      hours: { ...closedNowHours(), outsideHours: "offline-form" },
    });
    const ana = await connectAgent("msg-form-online", tokens.ana!);
    ana.send({ type: "presence", status: "online" });
    await ana.until("queue");
    const visitor = await visitorIn("msg-form-online", "en");
    visitor.send({ type: "message", clientId: "m", text: "quick question" });
    const ack = await visitor.until("ack");
    expect((await ana.until("assigned")).conversation).toMatchObject({
      id: ack.conversationId,
      offline: false,
    });
    ana.send({ type: "history", conversationId: ack.conversationId, afterSeq: 0 });
    const lines = (await ana.until("history")).messages;
    expect(lines.filter((m) => m.from === "visitor").map((m) => m.text)).toEqual(["quick question"]);
    // No "we're away" line for a chat an agent is answering.
    expect(lines.some((m) => m.from === "system" && m.text.includes("away"))).toBe(false);
    expect((await visitor.untilWhere("status", (s) => s.state === "assigned")).agent?.name).toBe("Ana");
  });

  it("shows each waiting visitor their place and estimate, moving as the queue moves", async () => {
    const tokens = await seedSite("msg-queue", 1);
    await admin("PUT", "/sites/msg-queue/teams/support", { name: "Support", preset: "high-touch" });
    const ana = await connectAgent("msg-queue", tokens.ana!);
    ana.send({ type: "presence", status: "online" });
    await ana.until("queue");
    const visitors: FrameReader<VisitorFrameOut>[] = [];
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const v = await visitorIn("msg-queue", "en");
      v.send({ type: "message", clientId: `m${i}`, text: `visitor ${i}` });
      ids.push((await v.until("ack")).conversationId);
      visitors.push(v);
    }
    // ana (limit 1) has the first; the third is second in the queue.
    const third = await visitors[2]!.untilWhere("status", (s) => s.state === "queued", 3000);
    expect(third).toMatchObject({
      position: 2,
      etaSeconds: expect.any(Number),
      text: expect.stringContaining("2"),
    });
    const etaAtTwo = third.etaSeconds!;
    // The first closes: the second is assigned and the third moves up to first.
    ana.send({ type: "close", conversationId: ids[0] });
    const moved = await visitors[2]!.untilWhere(
      "status",
      (s) => s.state === "queued" && s.position === 1,
      3000,
    );
    expect(moved.position).toBe(1);
    expect(moved.etaSeconds).toBeLessThan(etaAtTwo);
    // More capacity: ben comes online and the third is assigned.
    const ben = await connectAgent("msg-queue", tokens.ben!);
    ben.send({ type: "presence", status: "online" });
    expect(await visitors[2]!.untilWhere("status", (s) => s.state === "assigned", 3000)).toMatchObject({
      agent: { name: "Ben" },
    });
  });
});
