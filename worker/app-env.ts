/** The Hono environment of every route: the Worker's bindings and per-request variables. */
import type { SiteView } from "../durable-objects/site-do";
import type { Env } from "./env";

export interface AppEnv {
  Bindings: Env;
  Variables: { site?: SiteView };
}
