/**
 * The widget's endpoints: `POST /v1/sites/:site/session` (origin check, visitor token,
 * team, ticket) and `GET /v1/sites/:site/connect?ticket=` (WebSocket to the team's object).
 */
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { ErrorCode, MAX_HTTP_BODY_BYTES, TICKET_TTL_SECONDS, type VisitorSessionResponse } from "../../protocol";
import { siteStub } from "../../durable-objects/addresses";
import { ApiError, notFound, unauthorized } from "../api-error";
import type { AppEnv } from "../app-env";
import { randomId } from "../crypto";
import { allowedOrigin } from "../middleware/allowed-origin";
import { jsonBody } from "../middleware/json-body";
import { loadSite } from "../middleware/load-site";
import { forwardSocket } from "../forward-socket";
import { sign, verifyTicket, verifyVisitorToken } from "../tokens";
import { visitorSessionRequestSchema } from "../../protocol";

export const visitorRoutes = new Hono<AppEnv>();

visitorRoutes.use("/session", allowedOrigin());

visitorRoutes.post("/session", bodyLimit({ maxSize: MAX_HTTP_BODY_BYTES, onError: tooLarge }), jsonBody(visitorSessionRequestSchema), async (c) => {
  const site = await loadSite(c);
  const body = c.req.valid("json");
  const now = Date.now();
  let visitorId: string;
  if (body.visitorToken !== undefined) {
    const token = await verifyVisitorToken(c.env.SIGNING_SECRET, body.visitorToken);
    if (!token || token.site !== site.siteId) throw unauthorized("the visitor token is not valid for this site; start a new session without it");
    visitorId = token.visitorId;
  } else {
    visitorId = randomId("v_");
  }
  const route = await siteStub(c.env, site.siteId).routeVisitor(visitorId, body.team, now);
  if (!route || !site.teams.some((team) => team.id === route.teamId)) throw notFound("this site has no team to talk to yet");
  const ticketExpiresAt = now + TICKET_TTL_SECONDS * 1000;
  const response: VisitorSessionResponse = {
    visitorToken: await sign(c.env.SIGNING_SECRET, { k: "visitor", site: site.siteId, visitorId, iat: now }),
    visitorId,
    teamId: route.teamId,
    conversationId: route.conversationId,
    ticket: await sign(c.env.SIGNING_SECRET, {
      k: "ticket",
      site: site.siteId,
      teamId: route.teamId,
      role: "visitor",
      subject: visitorId,
      origin: c.req.header("Origin"),
      ...(body.locale ? { locale: body.locale } : {}),
      ...(body.page ? { page: body.page } : {}),
      exp: ticketExpiresAt,
    }),
    ticketExpiresAt,
    connectPath: `/v1/sites/${site.siteId}/connect`,
  };
  return c.json(response);
});

visitorRoutes.get("/connect", async (c) => {
  const ticket = await verifyTicket(c.env.SIGNING_SECRET, c.req.query("ticket") ?? "", Date.now());
  if (!ticket || ticket.role !== "visitor" || ticket.site !== c.req.param("site")) {
    throw unauthorized("the ticket is missing, expired or not for this site; open a new session");
  }
  if (c.req.header("Origin") !== ticket.origin) {
    throw new ApiError(403, ErrorCode.originNotAllowed, "the socket must come from the origin that opened the session");
  }
  return forwardSocket(c, ticket.teamId, {
    role: "visitor",
    visitorId: ticket.subject,
    locale: ticket.locale ?? null,
    page: ticket.page ?? null,
  });
});

function tooLarge(): never {
  throw new ApiError(413, ErrorCode.tooLarge, `the body is over ${MAX_HTTP_BODY_BYTES} bytes`);
}
