/** The Hono environment of every route: the Worker's bindings and per-request variables. */
import type { SiteView } from "../protocol";
import type { TokenAgent } from "../durable-objects/site/site-do";
import type { Env } from "./env";

/** An agent whose login token checked out, set by `agentAuth()`. */
export interface AuthenticatedAgent extends TokenAgent {
  tokenId: string;
}

export interface AppEnv {
  Bindings: Env;
  /** `siteVersion`: the version of `site` a visitor session decides on (`loadSessionSite`). */
  Variables: { site?: SiteView; siteVersion?: string; agent?: AuthenticatedAgent };
}
