/**
 * The widget's operations: the visitor's session, socket and conversation (`worker/routes/visitor-routes.ts`,
 * `visitor-conversation-routes.ts`).
 *
 * Part of the OpenAPI catalog (`index.ts` assembles the parts in order).
 */
import {
  csatBodySchema,
  csatRatingSchema,
  visitorSessionRequestSchema,
  visitorSessionResponseSchema,
} from "../../protocol";
import { ApiAuth, type ApiOperation } from "../../protocol/openapi";
import { socket, named } from "./shared";

export const widgetOperations: readonly ApiOperation[] = [
  {
    method: "post",
    path: "/v1/sites/:site/session",
    tag: "visitor",
    auth: ApiAuth.none,
    summary: "Open a visitor session (from an allowed Origin)",
    description:
      'Checks the Origin, the visitor token and the signed identity (`user.hash`, see README "Identity verification"), picks the team with the routing rules, and returns a ticket for the socket. Rate-limited per IP.',
    body: {
      ...named("VisitorSessionRequest", visitorSessionRequestSchema),
      example: { locale: "es", timeZone: "Europe/Madrid", page: "https://shop.example/pricing" },
    },
    responses: { 200: named("VisitorSessionResponse", visitorSessionResponseSchema) },
    errors: [403, 404, 429],
  },
  {
    method: "get",
    path: "/v1/sites/:site/connect",
    summary: "Visitor WebSocket",
    tag: "visitor",
    auth: ApiAuth.none,
    query: { ticket: "from the session, within 60 s" },
    responses: socket,
    errors: [403, 426],
  },

  {
    method: "post",
    path: "/v1/sites/:site/teams/:team/conversations/:conversation/csat",
    summary: "The visitor rates their closed conversation, once (from an allowed Origin)",
    tag: "visitor",
    auth: ApiAuth.visitor,
    description:
      "A score of 1 (very poor) to 5 (excellent) and an optional comment, for a conversation of the token's visitor that closed at most 7 days ago, when the team's `csatEnabled` is on. The team is the session's `teamId`. 409 `already_rated` for a second rating, 409 `conversation_open` before the close, 403 for another visitor's conversation or a team without CSAT. Agents see it at once; a `csat.submitted` webhook goes out.",
    body: {
      ...named("CsatBody", csatBodySchema),
      example: { score: 5, comment: "Quick and kind, thank you" },
    },
    responses: { 200: named("CsatRating", csatRatingSchema) },
    errors: [403, 404, 409],
  },
  {
    method: "get",
    path: "/v1/sites/:site/teams/:team/conversations/:conversation/transcript",
    summary: "The visitor downloads their conversation (from an allowed Origin)",
    tag: "visitor",
    auth: ApiAuth.visitor,
    description:
      "Plain text, or a standalone HTML page with `?format=html`: the site's name, every visitor, agent and team line with its time in the visitor's time zone and language, attachments as links when a message has any; never agents' notes. Only the conversation's own visitor gets it (403 for anyone else).",
    responses: { 200: "the transcript, `text/plain` (or `text/html`), as an attachment" },
    errors: [403, 404],
  },
];
