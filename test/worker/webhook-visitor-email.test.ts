/**
 * The visitor's e-mail in webhook bodies, as a real receiver on 127.0.0.1 gets them
 * (`webhook-receiver.global.ts`): `emailVerified: true` only for the e-mail of the site's
 * signed identity (`setUser` with a valid hash), false for one typed into the offline form,
 * and a signed user's e-mail is not replaced by one they type.
 */
import { Webhook } from "standardwebhooks";
import { describe, expect, inject, it } from "vitest";
import type { VisitorUser, WebhookEndpointCreated, WebhookPayload } from "../../protocol";
import { admin, closedNowHours, connectVisitor, seedSite, signedUser, type VisitorClient } from "./helpers";

const receiver = inject("webhookReceiver");
const SECRET = "identity-secret-0123456789abcdef0123456789";

/** A site whose conversation.created events go to the receiver under `site`; the hook's secret. */
async function siteWithHook(site: string, options: { closed?: boolean } = {}): Promise<string> {
  await seedSite(site);
  expect((await admin("PUT", `/sites/${site}/identity-secrets`, { current: SECRET })).status).toBe(200);
  if (options.closed) {
    const team = await admin("PUT", `/sites/${site}/teams/support`, {
      name: "Support",
      hours: closedNowHours("offline-form"),
    });
    expect(team.status).toBe(200);
  }
  const hook = await admin("PUT", `/sites/${site}/webhooks/${site}`, {
    url: `${receiver}/hook/${site}`,
    events: ["conversation.created"],
  });
  expect(hook.status).toBe(200);
  return ((await hook.json()) as WebhookEndpointCreated).secret!;
}

/** A visitor's socket, signed in as `user` when given (with a valid hash). */
async function visitor(site: string, user?: VisitorUser & { id: string }) {
  const reader = await connectVisitor(site, { body: user ? { user: await signedUser(SECRET, user) } : {} });
  expect(reader.session.identity).toBe(user ? "verified" : "anonymous");
  return reader;
}

/** The one conversation.created body the receiver got for `site`, checked against its signature. */
async function createdPayload(site: string, secret: string): Promise<WebhookPayload> {
  const until = Date.now() + 10_000;
  for (;;) {
    const got = (await (await fetch(`${receiver}/_log/${site}`)).json()) as {
      headers: Record<string, string>;
      body: string;
    }[];
    if (got.length > 0 || Date.now() > until) {
      expect(got).toHaveLength(1);
      return new Webhook(secret).verify(got[0]!.body, got[0]!.headers) as WebhookPayload;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function sendOfflineForm(reader: VisitorClient, email: string) {
  await reader.untilWhere("status", (s) => s.state === "away" && s.offlineForm === true);
  reader.send({ type: "offline", clientId: "f1", email, name: "Typed Name", text: "call me" });
  await reader.until("ack");
}

describe("the visitor's e-mail in webhooks", () => {
  it("is verified when it is the signed identity's user.email", async () => {
    const secret = await siteWithHook("wh-email-signed");
    const ana = await visitor("wh-email-signed", { id: "u-1", name: "Ana", email: "ana@real.example" });
    ana.send({ type: "message", clientId: "v1", text: "hello" });
    await ana.until("ack");
    expect((await createdPayload("wh-email-signed", secret)).data.visitor).toEqual({
      id: expect.any(String),
      name: "Ana",
      email: "ana@real.example",
      emailVerified: true,
    });
  });

  it("is not verified when the visitor typed it into the offline form", async () => {
    const secret = await siteWithHook("wh-email-typed", { closed: true });
    await sendOfflineForm(await visitor("wh-email-typed"), "typed@else.example");
    expect((await createdPayload("wh-email-typed", secret)).data.visitor).toMatchObject({
      email: "typed@else.example",
      emailVerified: false,
    });
  });

  it("stays the signed one, verified, when a signed user types another into the form", async () => {
    const secret = await siteWithHook("wh-email-both", { closed: true });
    const ana = await visitor("wh-email-both", { id: "u-2", name: "Ana", email: "ana@real.example" });
    await sendOfflineForm(ana, "ceo@spoof.example");
    expect((await createdPayload("wh-email-both", secret)).data.visitor).toMatchObject({
      name: "Ana",
      email: "ana@real.example",
      emailVerified: true,
    });
  });
});
