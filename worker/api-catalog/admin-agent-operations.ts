/**
 * The admin API's agent operations: agents, their login tokens, login links and sign-out
 * (`worker/routes/admin-agent-routes.ts`).
 *
 * Part of the OpenAPI catalog (`index.ts` assembles the parts in order).
 */
import { z } from "zod";
import {
  agentBodySchema,
  agentLoginLinkResponseSchema,
  agentSignedOutSchema,
  agentTokenInfoSchema,
  agentTokenResponseSchema,
  agentViewSchema,
} from "../../protocol";
import { ApiAuth, type ApiOperation } from "../../protocol/openapi";
import { ok, named, site } from "./shared";

export const adminAgentOperations: readonly ApiOperation[] = [
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
];
