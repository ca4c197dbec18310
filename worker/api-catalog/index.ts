/**
 * Every HTTP operation of the Worker with the zod schemas of its bodies and answers: the
 * source of the OpenAPI document at `GET /v1/openapi.json`. A worker test checks that this
 * list and the Hono app's routes are the same set, that each route validates its body with
 * the documented schema, and that real answers match the documented ones
 * (`test/worker/api-contract.test.ts`), so the document cannot drift from the code.
 */
import { z } from "zod";
import {
  attachmentLinksRequestSchema,
  attachmentLinksSchema,
  attachmentUploadedSchema,
  agentBodySchema,
  csatBodySchema,
  csatRatingSchema,
  CANNED_REPLY_VARIABLES,
  cannedRepliesBodySchema,
  agentLoginBodySchema,
  agentLoginLinkResponseSchema,
  conversationLabelsBodySchema,
  conversationLabelsSchema,
  historyPageSchema,
  labelsBodySchema,
  MAX_HISTORY_PAGE,
  reopenedSchema,
  transcriptSchema,
  agentSessionResponseSchema,
  agentSignedInSchema,
  agentSignedOutSchema,
  agentTokenInfoSchema,
  agentTokenResponseSchema,
  agentViewSchema,
  identitySecretsBodySchema,
  identitySecretsViewSchema,
  leadTeamFormSchema,
  leadTeamFormViewSchema,
  okResponseSchema,
  rotatedIdentitySecretSchema,
  rotateIdentitySecretBodySchema,
  routingRulesBodySchema,
  siteAdminViewSchema,
  siteBodySchema,
  siteConfigAppliedSchema,
  siteConfigBodySchema,
  siteConfigSchema,
  teamBodySchema,
  teamPolicySchema,
  teamViewSchema,
  visitorSessionRequestSchema,
  visitorSessionResponseSchema,
  webhookDeliveryViewSchema,
  webhookEndpointBodySchema,
  webhookEndpointCreatedSchema,
  webhookEndpointViewSchema,
} from "../../protocol";
import {
  ApiAuth,
  openApiDocument,
  type ApiOperation,
  type NamedSchema,
  type SchemaSubstitutes,
} from "../../protocol/openapi";

const ok: NamedSchema = { name: "Ok", schema: okResponseSchema };
const socket = { 101: 'switching to a WebSocket; frames as in README "Protocol"' };
const named = (name: string, schema: z.ZodType): NamedSchema => ({ name, schema });
const site = "/v1/admin/sites/:site";
const cannedReplies = named("CannedReplies", cannedRepliesBodySchema);
const cannedRepliesBody = named("CannedRepliesBody", cannedRepliesBodySchema);
const cannedRepliesDescription = `Texts may use ${CANNED_REPLY_VARIABLES.map((v) => `\`{{${v}}}\``).join(", ")}, filled when an agent inserts the reply; any other variable is refused with its path.`;
const cannedRepliesExample = [
  { id: "greeting", title: "Greeting", text: "Hi {{visitor.name}}, {{agent.name}} here. How can I help?" },
  { id: "refund", title: "Refund policy", text: "You can return any item within 30 days for a full refund." },
];

const labels = named("Labels", labelsBodySchema);
const labelsBody = named("LabelsBody", labelsBodySchema);
const labelsExample = [
  { id: "refund", name: "Refund" },
  { id: "bug", name: "Bug report" },
];
const historyQuery = {
  q: "Words of the transcript (messages and notes), all required; the last may be a word's start",
  agent: "Conversations this agent had or wrote in",
  label: "Conversations carrying this label id",
  visitor: "Conversations of this visitor id (their earlier conversations)",
  from: "Closed at or after (epoch ms)",
  to: "Closed before (epoch ms)",
  limit: `Entries per page, 1-${MAX_HISTORY_PAGE} (default 20)`,
  cursor: "The nextCursor of the previous page (opaque); a cursor this server did not make is a 400",
};

export const apiOperations: readonly ApiOperation[] = [
  {
    method: "get",
    path: "/health",
    summary: "Liveness",
    tag: "meta",
    auth: ApiAuth.none,
    responses: { 200: named("Health", z.object({ ok: z.literal(true) })) },
  },
  {
    method: "get",
    path: "/v1/openapi.json",
    summary: "This document",
    tag: "meta",
    auth: ApiAuth.none,
    responses: { 200: "the OpenAPI 3.1 document" },
  },

  // ---- widget ----
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
  // ---- attachments (README "Attachments") ----
  {
    method: "post",
    path: "/v1/sites/:site/attachments",
    summary: "A visitor uploads a file (the raw bytes as the body)",
    tag: "visitor",
    auth: ApiAuth.none,
    description:
      "`Authorization: Bearer <visitorToken>` from an allowed Origin; `?name=` the file's name. The type is read from the bytes and checked against the site's `attachments` limits; the file goes to the team of the visitor's session, and the returned id goes in the next `message` frame's `attachments`.",
    query: { name: "the file's name (shown, and the download's name)" },
    responses: { 201: named("AttachmentUploaded", attachmentUploadedSchema) },
    errors: [403, 404, 409, 413, 415],
  },
  {
    method: "post",
    path: "/v1/sites/:site/attachments/links",
    summary: "A visitor's signed download links",
    tag: "visitor",
    auth: ApiAuth.none,
    description:
      "`Authorization: Bearer <visitorToken>` from an allowed Origin. Links (valid 5 minutes, on the chat server's origin) for the ids the visitor may see: their own conversations' files; others are left out.",
    body: {
      ...named("AttachmentLinksRequest", attachmentLinksRequestSchema),
      example: { ids: ["att_AAAAAAAAAAAAAAAAAAAAAA"] },
    },
    responses: { 200: named("AttachmentLinks", attachmentLinksSchema) },
    errors: [403],
  },
  {
    method: "post",
    path: "/v1/sites/:site/agent/attachments",
    summary: "An agent uploads a file for a conversation of theirs (the raw bytes as the body)",
    tag: "agent",
    auth: ApiAuth.agent,
    description:
      "`?team=&conversation=&name=`; checked like a visitor's upload. Only the conversation's agent may add to it.",
    query: { team: "the conversation's team", conversation: "the conversation", name: "the file's name" },
    responses: { 201: named("AttachmentUploaded", attachmentUploadedSchema) },
    errors: [403, 404, 409, 413, 415],
  },
  {
    method: "post",
    path: "/v1/sites/:site/agent/attachments/links",
    summary: "An agent's signed download links for their team's files",
    tag: "agent",
    auth: ApiAuth.agent,
    body: {
      ...named("AttachmentLinksRequest", attachmentLinksRequestSchema),
      example: { team: "support", ids: ["att_AAAAAAAAAAAAAAAAAAAAAA"] },
    },
    responses: { 200: named("AttachmentLinks", attachmentLinksSchema) },
    errors: [403, 404],
  },
  {
    method: "get",
    path: "/v1/sites/:site/files/:id",
    summary: "Download a file by its signed link",
    tag: "visitor",
    auth: ApiAuth.none,
    description:
      "Only with `exp` and `sig` from a links call, before `exp`. Images are served inline, anything else as a download (`Content-Disposition: attachment`), always with `X-Content-Type-Options: nosniff` and `Content-Security-Policy: default-src 'none'; sandbox`.",
    query: { exp: "expiry, epoch ms", sig: "HMAC-SHA256 signature" },
    responses: { 200: "the file's bytes" },
    errors: [403, 404],
  },

  // ---- panel ----
  {
    method: "post",
    path: "/v1/sites/:site/agent/login",
    summary: "Sign in to the panel: a login link's one-time code (or an agent token) for the session cookie",
    tag: "agent",
    auth: ApiAuth.none,
    description:
      "Sets the `__Host-edgechat-agent` cookie (HttpOnly, Secure, SameSite=Strict). Must come from this origin (`Origin` header). A used, expired or replaced code answers 401 with path `code`.",
    body: {
      ...named("AgentLoginBody", agentLoginBodySchema),
      example: { code: "the-login-part-of-the-link" },
    },
    responses: { 200: named("AgentSignedIn", agentSignedInSchema) },
    errors: [401, 403, 404],
  },
  {
    method: "post",
    path: "/v1/sites/:site/agent/logout",
    summary: "Sign out: ends the panel session for every tab (their sockets close) and clears the cookie",
    tag: "agent",
    auth: ApiAuth.none,
    responses: { 204: "signed out" },
    errors: [403, 404],
  },
  {
    method: "post",
    path: "/v1/sites/:site/agent/session",
    summary: "Open an agent session: one ticket per team of the agent",
    tag: "agent",
    auth: ApiAuth.agent,
    responses: { 200: named("AgentSessionResponse", agentSessionResponseSchema) },
    errors: [404],
  },
  {
    method: "get",
    path: "/v1/sites/:site/agent/connect",
    summary: "Agent WebSocket, one per team",
    tag: "agent",
    auth: ApiAuth.none,
    query: { ticket: "from the agent session, within 60 s" },
    responses: socket,
    errors: [426],
  },
  {
    method: "get",
    path: "/v1/sites/:site/teams/:team/settings",
    summary: "A lead reads their team's settings, hours and messages",
    tag: "agent",
    auth: ApiAuth.agent,
    description:
      "The stored form (settings, hours, messages, `preset` and `policy` overrides), the policy it resolves to, and the constants a form needs to explain it.",
    responses: { 200: named("LeadTeamFormView", leadTeamFormViewSchema) },
    errors: [403, 404],
  },
  {
    method: "put",
    path: "/v1/sites/:site/teams/:team/settings",
    summary: "A lead replaces their team's settings, hours and messages",
    tag: "agent",
    auth: ApiAuth.agent,
    description:
      "Without `preset` and `policy` the stored policy is kept; with either, both are replaced as given, checked as the admin team body checks them (errors name `policy.<field>`).",
    body: {
      ...named("LeadTeamForm", leadTeamFormSchema),
      example: {
        settings: { presenceGraceSeconds: 60, agentGone: "requeue" },
        hours: null,
        messages: { templates: { es: { welcome: "Hola, somos {team}." } } },
        preset: "low-cost",
        policy: { defaultLimit: 6 },
      },
    },
    responses: { 200: ok },
    errors: [403, 404],
  },

  {
    method: "get",
    path: "/v1/sites/:site/teams/:team/canned-replies",
    summary: "An agent reads their team's canned replies (for the reply box's / list)",
    tag: "agent",
    auth: ApiAuth.agent,
    responses: { 200: cannedReplies },
    errors: [403, 404],
  },
  {
    method: "put",
    path: "/v1/sites/:site/teams/:team/canned-replies",
    summary: "A lead replaces their team's canned replies",
    tag: "agent",
    auth: ApiAuth.agent,
    description: cannedRepliesDescription,
    body: { ...cannedRepliesBody, example: cannedRepliesExample },
    responses: { 200: ok },
    errors: [403, 404],
  },

  {
    method: "get",
    path: "/v1/sites/:site/teams/:team/labels",
    summary: "An agent reads their team's label list",
    tag: "agent",
    auth: ApiAuth.agent,
    responses: { 200: labels },
    errors: [403, 404],
  },
  {
    method: "put",
    path: "/v1/sites/:site/teams/:team/labels",
    summary: "A lead replaces their team's label list",
    tag: "agent",
    auth: ApiAuth.agent,
    description: "The whole list, in order. Conversations keep label ids a new list drops.",
    body: { ...labelsBody, example: labelsExample },
    responses: { 200: ok },
    errors: [403, 404],
  },
  {
    method: "get",
    path: "/v1/sites/:site/teams/:team/history",
    summary: "An agent pages through their team's closed conversations, filtered or searched",
    tag: "agent",
    auth: ApiAuth.agent,
    description:
      "Newest closed first. Words are searched in the transcripts (notes included) with SQLite FTS5, indexed when a conversation closes. Never reachable with a visitor's token.",
    optionalQuery: historyQuery,
    responses: { 200: named("HistoryPage", historyPageSchema) },
    errors: [403, 404],
  },
  {
    method: "get",
    path: "/v1/sites/:site/teams/:team/conversations/:conversation",
    summary: "An agent reads a closed conversation of their team: its whole transcript, notes included",
    tag: "agent",
    auth: ApiAuth.agent,
    responses: { 200: named("Transcript", transcriptSchema) },
    errors: [403, 404],
  },
  {
    method: "put",
    path: "/v1/sites/:site/teams/:team/conversations/:conversation/labels",
    summary: "An agent sets a conversation's labels from the team's list",
    tag: "agent",
    auth: ApiAuth.agent,
    description: "Replaced whole. A label id not in the team's list is a 400 naming it (`labels.N`).",
    body: {
      ...named("ConversationLabelsBody", conversationLabelsBodySchema),
      example: { labels: ["refund"] },
    },
    responses: { 200: named("ConversationLabels", conversationLabelsSchema) },
    errors: [403, 404],
  },
  {
    method: "post",
    path: "/v1/sites/:site/teams/:team/conversations/:conversation/reopen",
    summary: "A lead reopens a closed conversation: it waits again and is assigned by the team's policy",
    tag: "agent",
    auth: ApiAuth.agent,
    description:
      "409 when it is open already, the visitor started a later conversation, or the visitor has an open conversation in another team.",
    responses: { 200: named("Reopened", reopenedSchema) },
    errors: [403, 404, 409],
  },

  // ---- admin: site ----
  {
    method: "get",
    path: site,
    summary: "Read a site: settings, routing rules, teams, secret fingerprints",
    tag: "sites",
    auth: ApiAuth.admin,
    responses: { 200: named("SiteAdminView", siteAdminViewSchema) },
    errors: [404],
  },
  {
    method: "put",
    path: site,
    summary: "Create or replace a site's settings",
    tag: "sites",
    auth: ApiAuth.admin,
    body: {
      ...named("SiteBody", siteBodySchema),
      example: { name: "Shop", allowedOrigins: ["https://shop.example"], defaultTeam: "support" },
    },
    responses: { 200: ok },
  },
  {
    method: "get",
    path: `${site}/config`,
    summary: "Export the whole site as a config file",
    tag: "sites",
    auth: ApiAuth.admin,
    description: "Settings, teams, agents and rules, without secrets; applying it back changes nothing.",
    responses: { 200: named("SiteConfig", siteConfigSchema) },
    errors: [404],
  },
  {
    method: "put",
    path: `${site}/config`,
    summary: "Apply a whole site config in one step",
    tag: "sites",
    auth: ApiAuth.admin,
    description:
      "Validated whole (identity secrets of 32+ characters, rules, agents and the default team naming teams of the file), then written at once: a refused config changes nothing. Teams, agents and secrets it leaves out are kept. `site` must be the path's site.",
    body: {
      ...named("SiteConfigBody", siteConfigBodySchema),
      example: {
        name: "Shop",
        allowedOrigins: ["https://shop.example"],
        defaultTeam: "support",
        teams: {
          support: { name: "Support", preset: "high-touch" },
          sales: { name: "Sales", preset: "sales" },
        },
        agents: { ana: { name: "Ana", teams: ["support"], role: "lead" } },
        routingRules: [{ team: "sales", when: { pages: ["*/pricing*"] } }],
      },
    },
    responses: { 200: named("SiteConfigApplied", siteConfigAppliedSchema) },
    errors: [400],
  },
  {
    method: "get",
    path: `${site}/routing-rules`,
    summary: "Read the ordered routing rules",
    tag: "sites",
    auth: ApiAuth.admin,
    responses: { 200: named("RoutingRules", routingRulesBodySchema) },
    errors: [404],
  },
  {
    method: "put",
    path: `${site}/routing-rules`,
    summary: "Replace the ordered routing rules",
    tag: "sites",
    auth: ApiAuth.admin,
    description:
      "First match wins; no match: the default team. A rule naming a team the site does not have is refused with its path (e.g. `2.team`).",
    body: {
      ...named("RoutingRulesBody", routingRulesBodySchema),
      example: [{ team: "support", when: { pages: ["https://shop.example/help/*"] }, label: "Help pages" }],
    },
    responses: { 200: ok },
    errors: [404],
  },
  {
    method: "get",
    path: `${site}/identity-secrets`,
    summary: "Fingerprints of the current and previous identity secrets",
    tag: "sites",
    auth: ApiAuth.admin,
    responses: { 200: named("IdentitySecretsView", identitySecretsViewSchema) },
    errors: [404],
  },
  {
    method: "put",
    path: `${site}/identity-secrets`,
    summary: "Set the current (and optionally previous) identity secret",
    tag: "sites",
    auth: ApiAuth.admin,
    body: {
      ...named("IdentitySecretsBody", identitySecretsBodySchema),
      example: { current: "4f1c0e9a7b2d48e6a3c5f0b1d9e8a7c64f1c0e9a7b2d48e6a3c5f0b1d9e8a7c6" },
    },
    responses: { 200: named("IdentitySecretsView", identitySecretsViewSchema) },
    errors: [404],
  },
  {
    method: "post",
    path: `${site}/identity-secrets/rotate`,
    summary: "Start a rotation: current becomes previous; both are accepted",
    tag: "sites",
    auth: ApiAuth.admin,
    description: "Without `secret`, a 256-bit secret is generated and returned this once.",
    body: {
      ...named("RotateIdentitySecretBody", rotateIdentitySecretBodySchema),
      example: { secret: "9b8a7c6d5e4f30219b8a7c6d5e4f30219b8a7c6d5e4f30219b8a7c6d5e4f3021" },
    },
    responses: { 200: named("RotatedIdentitySecret", rotatedIdentitySecretSchema) },
    errors: [404],
  },
  {
    method: "delete",
    path: `${site}/identity-secrets/previous`,
    summary: "End a rotation: the previous secret stops being accepted",
    tag: "sites",
    auth: ApiAuth.admin,
    responses: { 204: "removed" },
    errors: [404],
  },

  // ---- admin: teams ----
  {
    method: "get",
    path: `${site}/teams`,
    summary: "List teams",
    tag: "teams",
    auth: ApiAuth.admin,
    responses: { 200: named("TeamList", z.array(teamViewSchema)) },
    errors: [404],
  },
  {
    method: "get",
    path: `${site}/teams/:team`,
    summary: "Read a team, with its resolved policy",
    tag: "teams",
    auth: ApiAuth.admin,
    responses: { 200: named("TeamView", teamViewSchema) },
    errors: [404],
  },
  {
    method: "put",
    path: `${site}/teams/:team`,
    summary: "Create or replace a team: preset, policy, settings, hours, messages",
    tag: "teams",
    auth: ApiAuth.admin,
    body: {
      ...named("TeamBody", teamBodySchema),
      example: { name: "Support", preset: "high-touch", policy: { defaultLimit: 4 }, hours: null },
    },
    responses: { 200: ok },
    errors: [404],
  },

  {
    method: "get",
    path: `${site}/teams/:team/canned-replies`,
    summary: "Read a team's canned replies, in order",
    tag: "teams",
    auth: ApiAuth.admin,
    responses: { 200: cannedReplies },
    errors: [404],
  },
  {
    method: "put",
    path: `${site}/teams/:team/canned-replies`,
    summary: "Replace a team's canned replies (the whole list)",
    tag: "teams",
    auth: ApiAuth.admin,
    description: cannedRepliesDescription,
    body: { ...cannedRepliesBody, example: cannedRepliesExample },
    responses: { 200: ok },
    errors: [404],
  },

  {
    method: "get",
    path: `${site}/teams/:team/labels`,
    summary: "Read a team's label list, in order",
    tag: "teams",
    auth: ApiAuth.admin,
    responses: { 200: labels },
    errors: [404],
  },
  {
    method: "put",
    path: `${site}/teams/:team/labels`,
    summary: "Replace a team's label list (the whole list)",
    tag: "teams",
    auth: ApiAuth.admin,
    body: { ...labelsBody, example: labelsExample },
    responses: { 200: ok },
    errors: [404],
  },

  // ---- admin: agents ----
  {
    method: "get",
    path: `${site}/agents`,
    summary: "List agents",
    tag: "agents",
    auth: ApiAuth.admin,
    responses: { 200: named("AgentList", z.array(agentViewSchema)) },
    errors: [404],
  },
  {
    method: "get",
    path: `${site}/agents/:agent`,
    summary: "Read an agent",
    tag: "agents",
    auth: ApiAuth.admin,
    responses: { 200: named("AgentView", agentViewSchema) },
    errors: [404],
  },
  {
    method: "put",
    path: `${site}/agents/:agent`,
    summary: "Create or replace an agent (teams must exist)",
    tag: "agents",
    auth: ApiAuth.admin,
    body: {
      ...named("AgentBody", agentBodySchema),
      example: { name: "Ana", teams: ["support"], role: "lead", languages: ["es", "en"], limit: 4 },
    },
    responses: { 200: ok },
    errors: [404],
  },
  {
    method: "delete",
    path: `${site}/agents/:agent`,
    summary: "Remove an agent; their tokens and sockets stop at once",
    tag: "agents",
    auth: ApiAuth.admin,
    responses: { 204: "removed" },
    errors: [404],
  },
  {
    method: "get",
    path: `${site}/agents/:agent/tokens`,
    summary: "List an agent's login tokens",
    tag: "agents",
    auth: ApiAuth.admin,
    responses: { 200: named("AgentTokenList", z.array(agentTokenInfoSchema)) },
    errors: [404],
  },
  {
    method: "post",
    path: `${site}/agents/:agent/tokens`,
    summary: "Issue a login token for scripts (people sign in with a login link)",
    tag: "agents",
    auth: ApiAuth.admin,
    responses: { 201: named("AgentTokenResponse", agentTokenResponseSchema) },
    errors: [404],
  },
  {
    method: "delete",
    path: `${site}/agents/:agent/tokens`,
    summary: "Revoke every login token of the agent and end all their panel sessions and login links",
    tag: "agents",
    auth: ApiAuth.admin,
    responses: { 200: named("AgentSignedOut", agentSignedOutSchema) },
    errors: [404],
  },
  {
    method: "post",
    path: `${site}/agents/:agent/login-links`,
    summary: "Issue a one-time panel login link (15 minutes; replaces the agent's unused one)",
    tag: "agents",
    auth: ApiAuth.admin,
    responses: { 201: named("AgentLoginLinkResponse", agentLoginLinkResponseSchema) },
    errors: [404],
  },
  {
    method: "delete",
    path: `${site}/agents/:agent/sessions`,
    summary: "Sign the agent out everywhere: panel sessions and unused login links end, sockets close",
    tag: "agents",
    auth: ApiAuth.admin,
    responses: { 200: named("AgentSignedOut", agentSignedOutSchema) },
    errors: [404],
  },
  {
    method: "delete",
    path: `${site}/agents/:agent/tokens/:tokenId`,
    summary: "Revoke a login token; its open sockets close",
    tag: "agents",
    auth: ApiAuth.admin,
    responses: { 204: "revoked" },
    errors: [404],
  },

  // ---- admin: webhooks ----
  {
    method: "get",
    path: `${site}/webhooks`,
    summary: "List webhook endpoints (secrets as fingerprints)",
    tag: "webhooks",
    auth: ApiAuth.admin,
    responses: { 200: named("WebhookEndpointList", z.array(webhookEndpointViewSchema)) },
    errors: [404],
  },
  {
    method: "put",
    path: `${site}/webhooks/:endpoint`,
    summary: "Create or replace a webhook endpoint",
    tag: "webhooks",
    auth: ApiAuth.admin,
    description:
      'Events are signed with Standard Webhooks headers (see README "Webhooks"). Without `secret`, a new endpoint gets a generated one, returned this once; a replaced endpoint keeps its secret and its disabled state.',
    body: {
      ...named("WebhookEndpointBody", webhookEndpointBodySchema),
      example: {
        url: "https://shop.example/hooks/chat",
        events: ["conversation.closed", "csat.submitted", "reply.missed"],
        replyMissedMinutes: 15,
      },
    },
    responses: { 200: named("WebhookEndpointCreated", webhookEndpointCreatedSchema) },
    errors: [404],
  },
  {
    method: "delete",
    path: `${site}/webhooks/:endpoint`,
    summary: "Remove a webhook endpoint; its pending deliveries are dropped",
    tag: "webhooks",
    auth: ApiAuth.admin,
    responses: { 204: "removed" },
    errors: [404],
  },
  {
    method: "post",
    path: `${site}/webhooks/:endpoint/enable`,
    summary: "Re-enable an endpoint disabled after a run of failures",
    tag: "webhooks",
    auth: ApiAuth.admin,
    description: "Deliveries that waited while it was disabled are tried again at once.",
    responses: { 200: named("WebhookEndpointView", webhookEndpointViewSchema) },
    errors: [404],
  },
  {
    method: "get",
    path: `${site}/webhooks/:endpoint/deliveries`,
    summary: "The endpoint's delivery log (newest first; `?limit=` up to 200)",
    tag: "webhooks",
    auth: ApiAuth.admin,
    responses: { 200: named("WebhookDeliveryList", z.array(webhookDeliveryViewSchema)) },
    errors: [400, 404],
  },
];

/** `policy` is a raw record (merged with the preset, then validated): document its fields. */
export const apiSchemaSubstitutes: SchemaSubstitutes = new Map([
  [teamBodySchema.shape.policy.unwrap(), teamPolicySchema],
]);

let cached: Record<string, unknown> | undefined;

/** The document, built once per isolate. */
export function apiDocument(): Record<string, unknown> {
  cached ??= openApiDocument(
    {
      title: "edgechat API",
      version: "1",
      description:
        "Embeddable support chat: visitor and agent sessions, the team lead's settings form, and the admin API. Errors are `{ error: { code, message, path? } }`.",
    },
    apiOperations,
    apiSchemaSubstitutes,
  );
  return cached;
}
