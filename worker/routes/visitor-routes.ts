/**
 * The widget's endpoints: `POST /v1/sites/:site/session` (rate limit per IP, origin check,
 * body limit and validation, then `openVisitorSession`) and `GET /v1/sites/:site/connect?ticket=`
 * (WebSocket to the team's object, from the origin that opened the session, on a session's
 * ticket or a welcome's resume ticket; each upgrade is given the next resume ticket).
 */
import { Hono } from "hono";
import { ErrorCode, MAX_HTTP_BODY_BYTES, visitorSessionRequestSchema } from "../../protocol";
import { ApiError } from "../api-error";
import type { AppEnv } from "../app-env";
import { forwardSocket } from "../forward-socket";
import { allowedOrigin, sessionSite } from "../middleware/allowed-origin";
import { jsonBody } from "../middleware/json-body";
import { limitBody } from "../middleware/limit-body";
import { loadSite } from "../middleware/load-site";
import { failureRateLimit } from "../middleware/failure-rate-limit";
import { sessionRateLimit } from "../middleware/session-rate-limit";
import { admitTicket } from "../ticket-admission";
import { resumeTicketAfter } from "../resume-ticket";
import { openVisitorSession } from "../visitor-session";

export const visitorRoutes = new Hono<AppEnv>();

// The rate limit comes first: a flood must not reach the site's Durable Object.
// Unknown site names count per address too: a flood of junk names is cut off before the objects.
visitorRoutes.use(
  "/session",
  failureRateLimit("unknown-site"),
  sessionRateLimit(),
  sessionSite(),
  allowedOrigin(),
);

visitorRoutes.post(
  "/session",
  limitBody(MAX_HTTP_BODY_BYTES),
  jsonBody(visitorSessionRequestSchema),
  async (c) => {
    return c.json(await openVisitorSession(c, await loadSite(c), c.req.valid("json")));
  },
);

visitorRoutes.get("/connect", async (c) => {
  const ticket = await admitTicket(
    c,
    "visitor",
    "the ticket is missing, expired or not for this site; open a new session",
    (ticket) => {
      if (c.req.header("Origin") !== ticket.origin) {
        throw new ApiError(
          403,
          ErrorCode.originNotAllowed,
          "the socket must come from the origin that opened the session",
        );
      }
    },
  );
  const resume = await resumeTicketAfter(c.env.SIGNING_SECRET, ticket, Date.now());
  return forwardSocket(c, ticket.teamId, { role: "visitor", visitorId: ticket.subject }, ticket, resume);
});
