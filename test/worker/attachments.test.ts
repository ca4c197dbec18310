/**
 * Attachments end to end in workerd with the real local R2: uploads checked by their bytes and
 * the site's limits, messages that carry them (text optional), the TeamDO refusing references
 * that are not the sender's or not the conversation's, signed short-lived links for the
 * conversation's visitor and its team's agents only, downloads with safe headers, and files
 * kept through a transfer to another team.
 */
import { env, SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import {
  ATTACHMENT_MAX_BYTES_CAP,
  attachmentLinksSchema,
  attachmentUploadedSchema,
  type AttachmentLinks,
  type AttachmentUploaded,
  type HttpErrorBody,
} from "../../protocol";
import { attachmentKey, signedFileUrl } from "../../worker/attachment-links";
import { docxBytes, htmlBytes, pdfBytes, pngBytes } from "./attachment-files";
import { admin, BASE, connectAgent, connectVisitor, ORIGIN, seedSite, type VisitorClient } from "./helpers";

const SECRET = "test-signing-secret-0123456789";

function visitorUpload(
  site: string,
  visitor: VisitorClient,
  name: string,
  bytes: Uint8Array,
  team = "support",
) {
  return SELF.fetch(`${BASE}/v1/sites/${site}/attachments?team=${team}&name=${encodeURIComponent(name)}`, {
    method: "POST",
    headers: {
      Origin: ORIGIN,
      Authorization: `Bearer ${visitor.session.visitorToken}`,
      "Content-Type": "image/png",
    },
    body: bytes,
  });
}

function agentUpload(
  site: string,
  token: string,
  conversation: string,
  name: string,
  bytes: Uint8Array,
  team = "support",
) {
  return SELF.fetch(
    `${BASE}/v1/sites/${site}/agent/attachments?team=${team}&conversation=${conversation}&name=${encodeURIComponent(name)}`,
    { method: "POST", headers: { Authorization: `Bearer ${token}` }, body: bytes },
  );
}

async function uploaded(response: Response): Promise<AttachmentUploaded["attachment"]> {
  if (response.status !== 201) throw new Error(`${response.status} ${await response.text()}`);
  // The answer as the OpenAPI document shows it (api-contract.test.ts leaves this route to us).
  return attachmentUploadedSchema.parse(await response.json())
    .attachment satisfies AttachmentUploaded["attachment"];
}

function links(
  site: string,
  who: { visitor?: VisitorClient; token?: string },
  ids: string[],
  team = "support",
) {
  const path = who.visitor
    ? `/v1/sites/${site}/attachments/links`
    : `/v1/sites/${site}/agent/attachments/links`;
  const bearer = who.visitor ? who.visitor.session.visitorToken : who.token!;
  return SELF.fetch(`${BASE}${path}`, {
    method: "POST",
    headers: { Origin: ORIGIN, Authorization: `Bearer ${bearer}`, "Content-Type": "application/json" },
    body: JSON.stringify({ team, ids }),
  });
}

async function linkIds(response: Response): Promise<AttachmentLinks["links"]> {
  expect(response.status).toBe(200);
  return attachmentLinksSchema.parse(await response.json()).links satisfies AttachmentLinks["links"];
}

async function errorOf(
  response: Response,
): Promise<{ status: number; code: string; path?: string; limit?: number }> {
  const body = (await response.json()) as HttpErrorBody;
  return {
    status: response.status,
    code: body.error.code,
    ...(body.error.path ? { path: body.error.path } : {}),
    ...(body.error.limit !== undefined ? { limit: body.error.limit } : {}),
  };
}

/** A visitor's conversation claimed by Ana. */
async function conversationWithAna(site: string, tokens: Record<string, string>) {
  const visitor = await connectVisitor(site);
  await visitor.until("status");
  visitor.send({ type: "message", clientId: "v0", text: "Hello" });
  const { conversationId } = await visitor.until("ack");
  const ana = await connectAgent(site, tokens.ana!);
  ana.send({ type: "presence", status: "online" });
  ana.send({ type: "claim", conversationId });
  await ana.until("assigned");
  return { visitor, ana, conversationId };
}

describe("attachments", () => {
  it("go from the visitor to the agent and back, stored in R2 and served by signed link", async () => {
    const tokens = await seedSite("att-flow");
    const { visitor, ana, conversationId } = await conversationWithAna("att-flow", tokens);

    const image = await uploaded(await visitorUpload("att-flow", visitor, "photo.png", pngBytes(3, 2)));
    expect(image).toMatchObject({ name: "photo.png", size: 64, type: "image/png", width: 3, height: 2 });
    expect(image.id).toMatch(/^att_/);
    expect(await env.FILES.head(attachmentKey("att-flow", image.id))).not.toBeNull();
    const pdf = await uploaded(
      await visitorUpload("att-flow", visitor, "C:\\Users\\me\\invoice.pdf", pdfBytes()),
    );
    expect(pdf).toMatchObject({ name: "invoice.pdf", type: "application/pdf" });
    expect(pdf.width).toBeUndefined();

    // A message with files only: no text.
    visitor.send({ type: "message", clientId: "v1", text: "", attachments: [image.id, pdf.id] });
    const ack = await visitor.until("ack");
    const seen = await ana.untilWhere("message", (m) => m.clientId === "v1");
    expect(seen).toMatchObject({ seq: ack.seq, text: "", attachments: [image, pdf] });
    // A resend is stored once, with its files.
    visitor.send({ type: "message", clientId: "v1", text: "", attachments: [image.id, pdf.id] });
    expect((await visitor.until("ack")).seq).toBe(ack.seq);
    // A file goes out once: a second message cannot take it again.
    visitor.send({ type: "message", clientId: "v2", text: "again", attachments: [image.id] });
    expect(await visitor.until("error")).toMatchObject({ code: "not_found", clientId: "v2" });

    // The agent's links open the files; images inline, others as downloads, never as pages.
    const agentLinks = await linkIds(await links("att-flow", { token: tokens.ana! }, [image.id, pdf.id]));
    expect(agentLinks.map((l) => l.id)).toEqual([image.id, pdf.id]);
    expect(agentLinks[0]!.url.startsWith(`${BASE}/v1/sites/att-flow/files/${image.id}?`)).toBe(true);
    const png = await SELF.fetch(agentLinks[0]!.url);
    expect(png.status).toBe(200);
    expect(new Uint8Array(await png.arrayBuffer())).toEqual(pngBytes(3, 2));
    expect(png.headers.get("Content-Type")).toBe("image/png");
    expect(png.headers.get("Content-Disposition")).toMatch(/^inline/);
    expect(png.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(png.headers.get("Content-Security-Policy")).toBe("default-src 'none'; sandbox");
    const download = await SELF.fetch(agentLinks[1]!.url);
    expect(download.headers.get("Content-Disposition")).toBe(
      `attachment; filename="invoice.pdf"; filename*=UTF-8''invoice.pdf`,
    );
    expect(await download.text()).toContain("%PDF-1.4");

    // The agent answers with a file; the visitor gets it and may open it.
    const reply = await uploaded(
      await agentUpload("att-flow", tokens.ana!, conversationId, "steps.docx", docxBytes()),
    );
    expect(reply.type).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    ana.send({
      type: "message",
      conversationId,
      clientId: "a1",
      text: "Here you go",
      attachments: [reply.id],
    });
    await ana.until("ack");
    const answer = await visitor.untilWhere("message", (m) => m.from === "agent");
    expect(answer).toMatchObject({ text: "Here you go", attachments: [reply] });
    const visitorLinks = await linkIds(await links("att-flow", { visitor }, [reply.id, image.id]));
    expect(visitorLinks.map((l) => l.id)).toEqual([reply.id, image.id]);
    const file = await SELF.fetch(visitorLinks[0]!.url);
    expect(file.status).toBe(200);
    expect(file.headers.get("Content-Disposition")).toMatch(/^attachment; filename="steps.docx"/);

    // History keeps them.
    const again = await connectVisitor("att-flow", { visitorToken: visitor.session.visitorToken });
    const welcome = await again.until("welcome");
    expect(welcome.messages.find((m) => m.clientId === "v1")?.attachments).toEqual([image, pdf]);
    expect(welcome.messages.find((m) => m.from === "agent")?.attachments).toEqual([reply]);
  });

  it("refuses a file by its bytes, not its name or declared type, and over the site's limits", async () => {
    await seedSite("att-limits");
    const visitor = await connectVisitor("att-limits");
    await visitor.until("status");
    expect(await errorOf(await visitorUpload("att-limits", visitor, "cat.png", htmlBytes()))).toEqual({
      status: 415,
      code: "unsupported_type",
      path: "file",
    });
    const exe = Uint8Array.from("MZ\x90\x00\x03\x00\x00\x00", (c) => c.charCodeAt(0));
    expect((await errorOf(await visitorUpload("att-limits", visitor, "cat.png", exe))).code).toBe(
      "unsupported_type",
    );

    const put = await admin("PUT", "/sites/att-limits", {
      name: "Shop",
      allowedOrigins: [ORIGIN],
      defaultTeam: "support",
      attachments: { maxBytes: 1000, maxPerConversation: 2, allowedKinds: ["image"] },
    });
    expect(put.status).toBe(200);
    const big = new Uint8Array(1001);
    big.set(pngBytes());
    expect(await errorOf(await visitorUpload("att-limits", visitor, "big.png", big))).toEqual({
      status: 413,
      code: "too_large",
      path: "file",
      limit: 1000,
    });
    // Past the cap every site shares too, the site's own limit is what the refusal says.
    const huge = new Uint8Array(ATTACHMENT_MAX_BYTES_CAP + 1);
    huge.set(pngBytes());
    expect(await errorOf(await visitorUpload("att-limits", visitor, "huge.png", huge))).toEqual({
      status: 413,
      code: "too_large",
      path: "file",
      limit: 1000,
    });
    expect((await errorOf(await visitorUpload("att-limits", visitor, "a.pdf", pdfBytes()))).code).toBe(
      "unsupported_type",
    );
    const first = await uploaded(await visitorUpload("att-limits", visitor, "1.png", pngBytes()));
    await uploaded(await visitorUpload("att-limits", visitor, "2.png", pngBytes()));
    expect(await errorOf(await visitorUpload("att-limits", visitor, "3.png", pngBytes()))).toEqual({
      status: 409,
      code: "too_many",
    });
    // Files sent in the conversation still count once it has started.
    visitor.send({ type: "message", clientId: "v1", text: "two pictures", attachments: [first.id] });
    await visitor.until("ack");
    expect((await errorOf(await visitorUpload("att-limits", visitor, "4.png", pngBytes()))).code).toBe(
      "too_many",
    );
    // A bad limit in the site body is a 400 naming the field.
    const bad = await admin("PUT", "/sites/att-limits", {
      name: "Shop",
      allowedOrigins: [ORIGIN],
      defaultTeam: "support",
      attachments: { maxBytes: 10 ** 9 },
    });
    expect(await errorOf(bad)).toMatchObject({ status: 400, path: "attachments.maxBytes" });
  });

  it("keeps files to their sender, conversation and team", async () => {
    const tokens = await seedSite("att-trust");
    const { visitor, ana, conversationId } = await conversationWithAna("att-trust", tokens);
    const mine = await uploaded(await visitorUpload("att-trust", visitor, "mine.png", pngBytes()));

    // Another visitor can neither send it nor see it.
    const other = await connectVisitor("att-trust");
    await other.until("status");
    other.send({ type: "message", clientId: "o1", text: "look", attachments: [mine.id] });
    expect(await other.until("error")).toMatchObject({ code: "not_found", clientId: "o1" });
    expect(await linkIds(await links("att-trust", { visitor: other }, [mine.id]))).toEqual([]);
    // Nor can an agent send a visitor's upload as theirs.
    ana.send({ type: "message", conversationId, clientId: "a1", text: "x", attachments: [mine.id] });
    expect(await ana.until("error")).toMatchObject({ code: "not_found", clientId: "a1" });

    // An agent of another team: refused; a teammate who does not have the chat cannot add to it.
    expect(
      (await errorOf(await agentUpload("att-trust", tokens.cy!, conversationId, "a.png", pngBytes()))).status,
    ).toBe(403);
    expect((await errorOf(await links("att-trust", { token: tokens.cy! }, [mine.id]))).status).toBe(403);
    expect(
      await errorOf(await agentUpload("att-trust", tokens.ben!, conversationId, "a.png", pngBytes())),
    ).toEqual({
      status: 403,
      code: "forbidden",
    });
    // A visitor's files are in the team of their session, whatever team they name.
    const named = await uploaded(await visitorUpload("att-trust", visitor, "a.png", pngBytes(), "sales"));
    expect(await linkIds(await links("att-trust", { visitor }, [named.id], "sales"))).toHaveLength(1);
    // Agents see a visitor's file once it was sent, not before.
    expect(await linkIds(await links("att-trust", { token: tokens.ana! }, [named.id]))).toEqual([]);
    // No token, a page of another origin.
    const anonymous = await SELF.fetch(`${BASE}/v1/sites/att-trust/attachments?team=support&name=a.png`, {
      method: "POST",
      headers: { Origin: ORIGIN },
      body: pngBytes(),
    });
    expect(await errorOf(anonymous)).toEqual({ status: 401, code: "unauthorized" });
    const elsewhere = await SELF.fetch(`${BASE}/v1/sites/att-trust/attachments?team=support&name=a.png`, {
      method: "POST",
      headers: { Origin: "https://evil.example", Authorization: `Bearer ${visitor.session.visitorToken}` },
      body: pngBytes(),
    });
    expect((await errorOf(elsewhere)).code).toBe("origin_not_allowed");
    // Neither text nor files.
    visitor.send({ type: "message", clientId: "v9", text: " " });
    expect(await visitor.until("error")).toMatchObject({ code: "invalid_frame" });
  });

  it("serves a file only through an unexpired link signed for it", async () => {
    const tokens = await seedSite("att-links");
    const { visitor } = await conversationWithAna("att-links", tokens);
    const file = await uploaded(await visitorUpload("att-links", visitor, "a.png", pngBytes()));
    const [link] = await linkIds(await links("att-links", { visitor }, [file.id]));
    expect(link!.expiresAt - Date.now()).toBeLessThanOrEqual(300_000);
    expect((await SELF.fetch(link!.url)).status).toBe(200);

    const forged = link!.url.replace(/sig=[^&]+/, "sig=" + "A".repeat(43));
    expect(await errorOf(await SELF.fetch(forged))).toEqual({ status: 403, code: "forbidden" });
    const stretched = link!.url.replace(/exp=\d+/, `exp=${link!.expiresAt + 3_600_000}`);
    expect((await SELF.fetch(stretched)).status).toBe(403);
    const expired = await signedFileUrl(SECRET, BASE, "att-links", file.id, Date.now() - 301_000);
    expect((await SELF.fetch(expired.url)).status).toBe(403);
    // A link signed for one site opens nothing of another.
    const otherSite = link!.url.replace("/sites/att-links/", "/sites/att-flow/");
    expect((await SELF.fetch(otherSite)).status).toBe(403);
  });

  it("go with the conversation to another team", async () => {
    const tokens = await seedSite("att-xfer");
    await admin("PUT", "/sites/att-xfer/teams/sales", { name: "Sales", preset: "sales" });
    const { visitor, ana, conversationId } = await conversationWithAna("att-xfer", tokens);
    const file = await uploaded(await visitorUpload("att-xfer", visitor, "order.pdf", pdfBytes()));
    visitor.send({ type: "message", clientId: "v1", text: "my order", attachments: [file.id] });
    await visitor.until("ack");
    const cy = await connectAgent("att-xfer", tokens.cy!, "sales");
    cy.send({ type: "presence", status: "online" });
    await cy.until("snapshot");
    ana.send({ type: "transfer", conversationId, toTeamId: "sales" });
    await cy.until("assigned");
    cy.send({ type: "history", conversationId, afterSeq: 0 });
    const history = await cy.until("history");
    expect(history.messages.find((m) => m.clientId === "v1")?.attachments).toEqual([file]);
    const [link] = await linkIds(await links("att-xfer", { token: tokens.cy! }, [file.id], "sales"));
    expect((await SELF.fetch(link!.url)).status).toBe(200);
    // The visitor, now in sales, still opens it there.
    const back = await connectVisitor("att-xfer", { visitorToken: visitor.session.visitorToken });
    await back.until("welcome");
    expect((await linkIds(await links("att-xfer", { visitor: back }, [file.id], "sales"))).length).toBe(1);
  });
});
