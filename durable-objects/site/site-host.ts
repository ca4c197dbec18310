/**
 * What the SiteDO hands its delegates (`site-teams.ts`, `site-agents.ts`,
 * `site-agent-credentials.ts`, `site-identity-secrets.ts`, `site-visitor-teams.ts`,
 * `site-webhook-endpoints.ts`, `site-config-file.ts`, `site-directory.ts`): its storage, its
 * bindings and the site as it stands, read through the SiteDO's cache. Also the refusals they
 * share. The SiteDO stays the one writer; a delegate is a group of its RPCs, not an object.
 */
import { ErrorCode, refuse, type AgentView, type SiteView } from "../../protocol";
import type { SiteStore } from "./site-store";

export interface SiteHost {
  readonly env: Cloudflare.Env;
  readonly storage: DurableObjectStorage;
  readonly store: SiteStore;
  /** The schema exists: false for an object no admin has created, which answers "no site". */
  configured(): boolean;
  /** Creates the schema of a site the admin API names (once). */
  makeConfigured(): void;
  /** The site as sessions read it (cached), or null. */
  site(): SiteView | null;
  /** Drops the cached site after a write. */
  siteChanged(): void;
  agent(agentId: string): AgentView | null;
}

export const invalid = (path: string, message: string) => refuse(ErrorCode.invalidFrame, message, { path });
export const missing = (message: string) => refuse(ErrorCode.notFound, message);
export const noSite = () => missing("create the site first");
