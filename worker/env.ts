/**
 * The Worker's bindings (wrangler.toml + secrets). Also declared as `Cloudflare.Env`, so
 * `env` from `cloudflare:test` is typed in the worker tests.
 */
import type { SiteDO } from "../durable-objects/site/site-do";
import type { TeamDO } from "../durable-objects/team/team-do";

export interface WorkerBindings {
  SITE: DurableObjectNamespace<SiteDO>;
  TEAM: DurableObjectNamespace<TeamDO>;
  ASSETS: Fetcher;
  /** Attachments (`[[r2_buckets]]` in wrangler.toml), keyed `sites/SITE/attachments/ID`. */
  FILES: R2Bucket;
  /** New visitor sessions per IP and site (`[[ratelimits]]` in wrangler.toml). */
  SESSION_LIMITER: RateLimit;
  /** Bearer token of the admin API. */
  ADMIN_TOKEN: string;
  /** Key that signs visitor tokens, agent tokens and tickets (HMAC-SHA256). */
  SIGNING_SECRET: string;
}

export type Env = WorkerBindings;

// The runtime's `env` (cloudflare:workers, vitest-pool-workers) is typed by merging into this namespace.
declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Cloudflare {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface Env extends WorkerBindings {}
  }
}
