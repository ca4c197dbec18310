/**
 * Opens a visitor's session (`POST /v1/sites/:site/session`), after the origin check and
 * body validation: checks the signed identity, settles the visitor id, picks the team with
 * the site's routing rules (unless the visitor has an open conversation, which keeps its
 * team; the site object settles that and tells the team who the visitor is, one call from
 * here), and signs the visitor token and a ticket.
 */
import type { Context } from "hono";
import {
  ErrorCode,
  shiftScheduleSchema,
  TICKET_TTL_SECONDS,
  type SiteView,
  type VisitorSessionRequest,
  type VisitorSessionResponse,
} from "../protocol";
import { siteStub } from "../durable-objects/addresses";
import { ApiError, notFound, unauthorized } from "./api-error";
import type { AppEnv } from "./app-env";
import { randomId } from "../core/crypto";
import { checkIdentity } from "../core/identity/check-identity";
import { sessionVisitorId } from "../core/identity/visitor-id";
import { visitorProfile } from "../core/identity/visitor-profile";
import { pickTeam, visitorCountry } from "../core/routing";
import { checkOrigin } from "./middleware/allowed-origin";
import { loadSessionSite } from "./middleware/load-site";
import { sign, verifyVisitorToken } from "./tokens";

export async function openVisitorSession(
  c: Context<AppEnv>,
  site: SiteView,
  body: VisitorSessionRequest,
): Promise<VisitorSessionResponse> {
  const now = Date.now();
  const secret = c.env.SIGNING_SECRET;
  const identity = await checkIdentity(body.user, () => siteStub(c.env, site.siteId).identitySecrets());
  // A wrong hash is an error, not a silent downgrade: the site's signing code is broken.
  if (identity.status === "rejected")
    throw new ApiError(401, ErrorCode.unauthorized, identity.message, "user.hash");

  let tokenVisitorId: string | null = null;
  if (body.visitorToken !== undefined) {
    const token = await verifyVisitorToken(secret, body.visitorToken);
    if (!token || token.site !== site.siteId)
      throw unauthorized("the visitor token is not valid for this site; start a new session without it");
    tokenVisitorId = token.visitorId;
  }
  const verifiedUserId = identity.status === "verified" ? identity.user.id : null;
  const visitorId = await sessionVisitorId(secret, site.siteId, tokenVisitorId, verifiedUserId);

  const country = visitorCountry(c.req.raw.cf);
  const teamBy = (view: SiteView) =>
    pickTeam(view.routingRules, view.defaultTeam, {
      page: body.page,
      locale: body.locale,
      // Only signed attributes may route: an unsigned `vip: true` must not reach the VIP team.
      verified: identity.status === "verified" ? (identity.user.attributes ?? {}) : {},
      country,
      choice: body.team,
    }).teamId;
  // The site object picks the team (the open conversation's, else the rules') and tells it the profile.
  const profile = visitorProfile({
    visitorId,
    identity,
    locale: body.locale,
    timeZone: knownTimeZone(body.timeZone),
    country,
    page: body.page,
  });
  const siteObject = siteStub(c.env, site.siteId);
  let route = await siteObject.routeVisitor(profile, teamBy(site), now, c.get("siteVersion"));
  if (route === "stale") {
    // The site changed since this isolate kept it: origin and rules again, on the site as it is now.
    const { site: current } = await loadSessionSite(c, { fresh: true });
    checkOrigin(current, c.req.header("Origin"));
    route = await siteObject.routeVisitor(profile, teamBy(current), now);
  }
  if (!route || route === "stale") throw notFound("this site has no team to talk to yet");

  const ticketExpiresAt = now + TICKET_TTL_SECONDS * 1000;
  return {
    // The token it came with when it still names this visitor (a reconnect): one HMAC fewer.
    visitorToken:
      tokenVisitorId === visitorId && body.visitorToken !== undefined
        ? body.visitorToken
        : await sign(secret, { k: "visitor", site: site.siteId, visitorId, iat: now }),
    visitorId,
    teamId: route.teamId,
    conversationId: route.conversationId,
    ticket: await sign(secret, {
      k: "ticket",
      id: randomId(),
      site: site.siteId,
      teamId: route.teamId,
      role: "visitor",
      subject: visitorId,
      origin: c.req.header("Origin"),
      exp: ticketExpiresAt,
    }),
    ticketExpiresAt,
    connectPath: `/v1/sites/${site.siteId}/connect`,
    identity: identity.status,
  };
}

/** The browser's time zone if this runtime knows it, else none. */
function knownTimeZone(timeZone: string | undefined): string | undefined {
  return timeZone !== undefined && shiftScheduleSchema.shape.timeZone.safeParse(timeZone).success
    ? timeZone
    : undefined;
}
