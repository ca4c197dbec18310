/**
 * The agent panel's operations: sign-in, the socket, history, a lead's team settings, canned
 * replies and labels (`worker/routes/agent-routes.ts` and its neighbours).
 *
 * Part of the OpenAPI catalog (`index.ts` assembles the parts in order).
 */
import {
  agentLoginBodySchema,
  agentSessionResponseSchema,
  agentSignedInSchema,
  conversationLabelsBodySchema,
  conversationLabelsSchema,
  historyPageSchema,
  leadTeamFormSchema,
  leadTeamFormViewSchema,
  reopenedSchema,
  transcriptSchema,
} from "../../protocol";
import { ApiAuth, type ApiOperation } from "../../protocol/openapi";
import {
  cannedRepliesBody,
  labelsBody,
  cannedReplies,
  labels,
  ok,
  socket,
  named,
  cannedRepliesDescription,
  cannedRepliesExample,
  labelsExample,
  historyQuery,
} from "./shared";

export const panelOperations: readonly ApiOperation[] = [
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
];
