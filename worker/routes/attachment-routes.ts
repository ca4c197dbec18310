/**
 * Attachments through the Worker. Uploads: the raw file as the body, `?team=&name=` (agents
 * also `&conversation=`); checked here (token, team, size, the kind its bytes say), put in R2,
 * then registered with the team's object, which checks the count and whose conversation it is.
 * Links: signed, short-lived download URLs for the files the caller may see (the object says
 * which). Files: the download itself, by signed URL only; non-images as downloads.
 *
 * - visitors: `POST /v1/sites/:site/attachments`, `POST …/attachments/links` (visitor token as
 *   `Authorization: Bearer`, from an allowed origin)
 * - agents: `POST /v1/sites/:site/agent/attachments`, `POST …/agent/attachments/links` (agent token)
 * - `GET /v1/sites/:site/files/:id?exp=&sig=`
 */
import { Hono, type Context, type MiddlewareHandler } from "hono";
import {
  ATTACHMENT_MAX_BYTES_CAP,
  AttachmentKind,
  attachmentLinksRequestSchema,
  attachmentUploadQuerySchema,
  defaultAttachmentLimits,
  ErrorCode,
  MAX_HTTP_BODY_BYTES,
  type AttachmentLinks,
  type AttachmentRef,
  type AttachmentUploaded,
  type Refusal,
} from "../../protocol";
import { siteStub, teamStub } from "../../durable-objects/addresses";
import type { AttachmentParty } from "../../durable-objects/team/attachment-store";
import { randomId } from "../../core/crypto";
import { checkUpload, fileTooLarge } from "../../core/attachments";
import { ApiError, forbidden, invalidBody, notFound, unauthorized } from "../api-error";
import type { AppEnv } from "../app-env";
import { attachmentKey, signedFileUrl, verifyFileLink } from "../attachment-links";
import { agentAuth, currentAgent } from "../middleware/agent-auth";
import { allowedOrigin } from "../middleware/allowed-origin";
import { jsonBody } from "../middleware/json-body";
import { limitBody } from "../middleware/limit-body";
import { loadSite } from "../middleware/load-site";
import { bearerToken, verifyVisitorToken } from "../tokens";

const statusOf: Partial<Record<ErrorCode, 400 | 403 | 404 | 409 | 413 | 415>> = {
  [ErrorCode.tooLarge]: 413,
  [ErrorCode.unsupportedType]: 415,
  [ErrorCode.tooMany]: 409,
  [ErrorCode.conversationClosed]: 409,
  [ErrorCode.forbidden]: 403,
  [ErrorCode.notFound]: 404,
};
const refused = (refusal: Refusal) =>
  new ApiError(
    statusOf[refusal.code] ?? 400,
    refusal.code,
    refusal.message,
    refusal.path,
    refusal.limit !== undefined ? { limit: refusal.limit } : {},
  );

/**
 * A declared size over the site's largest file is refused before the body is read, and before
 * the cap every site shares (`limitBody`), so the refusal says the site's own limit.
 */
const withinSiteFileSize: MiddlewareHandler<AppEnv> = async (c, next) => {
  const { maxBytes } = (await loadSite(c)).attachments ?? defaultAttachmentLimits;
  if (Number(c.req.header("Content-Length")) > maxBytes) throw refused(fileTooLarge(maxBytes).refusal);
  await next();
};

// ---- visitors ----

export const visitorAttachmentRoutes = new Hono<AppEnv>();
visitorAttachmentRoutes.use("*", allowedOrigin({ headers: ["Content-Type", "Authorization"] }));

/** The visitor of the token, and the team their sessions go to (never one they name). */
async function visitorParty(c: Context<AppEnv>): Promise<{ party: AttachmentParty; team: string }> {
  const site = await loadSite(c);
  const bearer = bearerToken(c.req.header("Authorization"));
  const token = bearer ? await verifyVisitorToken(c.env.SIGNING_SECRET, bearer) : null;
  if (!token || token.site !== site.siteId)
    throw unauthorized("a valid visitor token for this site is required");
  const team = await siteStub(c.env, site.siteId).visitorTeam(token.visitorId);
  if (!team) throw forbidden("open a chat session first");
  return { party: { role: "visitor", visitorId: token.visitorId }, team };
}

visitorAttachmentRoutes.post("/", withinSiteFileSize, limitBody(ATTACHMENT_MAX_BYTES_CAP), async (c) => {
  const { party, team } = await visitorParty(c);
  return upload(c, party, team);
});
visitorAttachmentRoutes.post(
  "/links",
  limitBody(MAX_HTTP_BODY_BYTES),
  jsonBody(attachmentLinksRequestSchema),
  async (c) => {
    const { party, team } = await visitorParty(c);
    return links(c, party, team, c.req.valid("json").ids);
  },
);

// ---- agents ----

export const agentAttachmentRoutes = new Hono<AppEnv>();
agentAttachmentRoutes.use("*", agentAuth());

function agentParty(c: Context<AppEnv>, team: string | undefined): AttachmentParty {
  if (team === undefined) throw new ApiError(400, ErrorCode.invalidFrame, "team: required", "team");
  const agent = currentAgent(c.get("agent"));
  if (!agent.teams.includes(team)) throw forbidden("an agent may use only their own teams' files");
  return { role: "agent", agentId: agent.id };
}

agentAttachmentRoutes.post("/", withinSiteFileSize, limitBody(ATTACHMENT_MAX_BYTES_CAP), async (c) => {
  const team = c.req.query("team");
  return upload(c, agentParty(c, team), team!);
});
agentAttachmentRoutes.post(
  "/links",
  limitBody(MAX_HTTP_BODY_BYTES),
  jsonBody(attachmentLinksRequestSchema),
  async (c) => {
    const { team, ids } = c.req.valid("json");
    return links(c, agentParty(c, team), team!, ids);
  },
);

// ---- both ----

async function upload(c: Context<AppEnv>, party: AttachmentParty, team: string): Promise<Response> {
  const site = await loadSite(c);
  const query = attachmentUploadQuerySchema.safeParse(c.req.query());
  if (!query.success) throw invalidBody(query.error.issues);
  const { name, conversation } = query.data;
  if (!site.teams.some((t) => t.id === team)) throw notFound(`no team "${team}" on this site`);
  const limits = site.attachments ?? defaultAttachmentLimits;
  const bytes = new Uint8Array(await c.req.arrayBuffer());
  const checked = checkUpload(bytes, name, limits);
  if (!checked.ok) throw refused(checked.refusal);
  const { kind, type, width, height, size } = checked.value;
  const ref: AttachmentRef = {
    id: randomId("att_"),
    name: checked.value.name,
    size,
    type,
    ...(kind === AttachmentKind.image && width && height ? { width, height } : {}),
  };
  // The team's row first, then the bytes: every object in R2 has a row that will delete it.
  // A Worker that dies (or an R2 put that fails) in between leaves a row no message can take
  // (nobody got its id), which the team's sweep of unsent uploads removes with its key.
  const added = await teamStub(c.env, site.siteId, team).addAttachment({
    party,
    ...(conversation !== undefined ? { conversationId: conversation } : {}),
    ref,
    maxPerConversation: limits.maxPerConversation,
  });
  if (!added.ok) throw refused(added.refusal);
  await c.env.FILES.put(attachmentKey(site.siteId, ref.id), bytes, {
    httpMetadata: { contentType: type },
    customMetadata: {
      name: ref.name,
      team,
      uploader: party.role === "visitor" ? party.visitorId : party.agentId,
    },
  });
  return c.json<AttachmentUploaded>({ attachment: added.value }, 201);
}

async function links(
  c: Context<AppEnv>,
  party: AttachmentParty,
  team: string,
  ids: string[],
): Promise<Response> {
  const site = await loadSite(c);
  if (!site.teams.some((t) => t.id === team)) throw notFound(`no team "${team}" on this site`);
  const visible = await teamStub(c.env, site.siteId, team).visibleAttachments(party, ids);
  const origin = new URL(c.req.url).origin;
  const now = Date.now();
  const answer: AttachmentLinks = {
    links: await Promise.all(
      visible.map(async (ref) => ({
        id: ref.id,
        ...(await signedFileUrl(c.env.SIGNING_SECRET, origin, site.siteId, ref.id, now)),
      })),
    ),
  };
  return c.json(answer);
}

// ---- the download ----

export const fileRoutes = new Hono<AppEnv>();

/** Images show inline; anything else is a download. Neither runs as a page of this origin. */
fileRoutes.get("/:id", async (c) => {
  const siteId = c.req.param("site") ?? "";
  const id = c.req.param("id");
  const good = await verifyFileLink(
    c.env.SIGNING_SECRET,
    { siteId, id, exp: c.req.query("exp"), sig: c.req.query("sig") },
    Date.now(),
  );
  if (!good)
    throw new ApiError(403, ErrorCode.forbidden, "this link is not valid or has expired; ask for a new one");
  const object = await c.env.FILES.get(attachmentKey(siteId, id));
  if (!object) throw notFound("this file is gone");
  const type = object.httpMetadata?.contentType ?? "application/octet-stream";
  const name = object.customMetadata?.name ?? "file";
  const inline = /^image\/(png|jpeg|gif|webp)$/.test(type);
  return new Response(object.body, {
    headers: {
      "Content-Type": type,
      "Content-Length": String(object.size),
      "Content-Disposition": `${inline ? "inline" : "attachment"}; filename="${asciiName(name)}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; sandbox",
      // The widget shows images on the site's pages (another origin).
      "Cross-Origin-Resource-Policy": "cross-origin",
      "Cache-Control": "private, max-age=300",
      "Referrer-Policy": "no-referrer",
    },
  });
});

const asciiName = (name: string) => name.replace(/[^\x20-\x7e]|["\\]/g, "_");
