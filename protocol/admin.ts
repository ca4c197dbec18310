/**
 * Bodies of the admin API (`/v1/admin/*`, admin token): sites, teams, agents.
 * The same schemas validate the site config file that `npm run seed` applies.
 */
import { z } from "zod";
import { idSchema } from "./common";

/** An origin as browsers send it: scheme, host and optional port, no path. */
export const originSchema = z
  .string()
  .url()
  .refine((value) => new URL(value).origin === value, "must be an origin like https://example.com (no path, no trailing slash)");

export const siteBodySchema = z.strictObject({
  name: z.string().min(1).max(100),
  allowedOrigins: z.array(originSchema).min(1).max(50),
  /** The team new conversations go to when no routing rule matches. */
  defaultTeam: idSchema,
  /** Secret the site's backend uses to sign visitor identities (HMAC-SHA256). */
  identitySecret: z.string().min(16).max(256).optional(),
});
export type SiteBody = z.infer<typeof siteBodySchema>;

export const teamBodySchema = z.strictObject({
  name: z.string().min(1).max(100),
});
export type TeamBody = z.infer<typeof teamBodySchema>;

export const agentBodySchema = z.strictObject({
  name: z.string().min(1).max(100),
  teams: z.array(idSchema).min(1).max(20),
  /** Most conversations open at once; the team's default when absent. */
  limit: z.number().int().min(0).max(100).optional(),
});
export type AgentBody = z.infer<typeof agentBodySchema>;

export const agentTokenResponseSchema = z.object({
  token: z.string(),
  tokenId: z.string(),
  /** Opens the panel signed in as this agent. */
  loginPath: z.string(),
});
export type AgentTokenResponse = z.infer<typeof agentTokenResponseSchema>;
