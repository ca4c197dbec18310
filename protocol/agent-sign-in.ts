/**
 * Agent sign-in bodies: a login link's one-time code is exchanged for a panel session (an
 * HttpOnly cookie), and the admin API issues those links. Used by the Worker's agent and
 * admin routes, the panel (types only) and the scripts that print login links.
 */
import { z } from "zod";
import { AgentRole } from "./admin";
import { epochMsSchema } from "./common";

/** The one-time code of a login link: 128 random bits, base64url. */
export const loginCodeSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{16,64}$/, "must be the login code of a link (its `login=` part)");

/**
 * `POST /v1/sites/:site/agent/login`: a login link's code, or an agent token pasted into the
 * panel; either is exchanged for the session cookie.
 */
export const agentLoginBodySchema = z
  .strictObject({
    code: loginCodeSchema
      .optional()
      .describe("The `login=` part of the login link's fragment; it works once."),
    token: z.string().min(1).max(2048).optional().describe("An agent login token (it stays valid)."),
  })
  .refine((body) => (body.code === undefined) !== (body.token === undefined), {
    message: "give exactly one of code and token",
    path: ["code"],
  });
export type AgentLoginBody = z.infer<typeof agentLoginBodySchema>;

/** Who is signed in; the session itself is the cookie, never in a body. */
export const agentSignedInSchema = z.object({
  site: z.string(),
  agent: z.object({ id: z.string(), name: z.string(), teams: z.array(z.string()), role: z.enum(AgentRole) }),
  /** The session ends after this long without a request (each request renews it). */
  idleSeconds: z.number().int().positive(),
  /** And at this time at the latest. */
  expiresAt: epochMsSchema,
});
export type AgentSignedIn = z.infer<typeof agentSignedInSchema>;

/** `POST /v1/admin/sites/:site/agents/:agent/login-links`. */
export const agentLoginLinkResponseSchema = z.object({
  loginPath: z.string().describe("Opens the panel and signs the agent in; works once, until `expiresAt`."),
  expiresAt: epochMsSchema,
});
export type AgentLoginLinkResponse = z.infer<typeof agentLoginLinkResponseSchema>;

/** What `DELETE /v1/admin/sites/:site/agents/:agent/sessions` (and revoking all tokens) ended. */
export const agentSignedOutSchema = z.object({
  sessions: z.number().int().min(0).describe("Panel sessions ended (their open sockets closed)."),
  loginLinks: z.number().int().min(0).describe("Unused login links that stopped working."),
  tokens: z.number().int().min(0).describe("Login tokens revoked (0 for `/sessions`)."),
});
export type AgentSignedOut = z.infer<typeof agentSignedOutSchema>;
