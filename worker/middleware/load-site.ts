/**
 * Loads the site named by the `:site` path parameter from its SiteDO, once per request,
 * and answers 404 `not_found` for an unknown or malformed site id. An unknown id is found out
 * from the site directory, never by asking (and so creating) an object of that name.
 */
import type { Context } from "hono";
import { idSchema, type SiteView } from "../../protocol";
import { siteDirectoryStub, siteStub } from "../../durable-objects/addresses";
import { notFound } from "../api-error";
import type { AppEnv } from "../app-env";

/**
 * `signedForSite`: the request carries a token signed for this site (so the admin API made
 * it): the site's object is asked even if the directory does not list it, as for a site
 * created before the directory existed, which lists itself when its object starts.
 */
export async function loadSite(
  c: Context<AppEnv>,
  { signedForSite = false }: { signedForSite?: boolean } = {},
): Promise<SiteView> {
  const cached = c.get("site");
  if (cached) return cached;
  const siteId = c.req.param("site") ?? "";
  const site =
    idSchema.safeParse(siteId).success && (signedForSite || (await siteExists(c.env, siteId)))
      ? await siteStub(c.env, siteId).getSite()
      : null;
  if (!site) throw notFound(`no site "${siteId.slice(0, 64)}"`);
  c.set("site", site);
  return site;
}

/** A site as a visitor session decides on it, with the version its object gave it. */
export interface VersionedSite {
  site: SiteView;
  version: string;
}

/** Sites kept per isolate between visitor sessions (`loadSessionSite`), by site id. */
const sessionSites = new Map<string, VersionedSite>();
const SESSION_SITES_PER_ISOLATE = 1000;

/**
 * The site for a visitor session (`POST …/session`), from this isolate's memory when it has
 * it: one object call fewer per session. Memory is a shortcut, never the authority: the
 * session names the version it decided on, and the site object's `routeVisitor` refuses it
 * as stale, before anything is written, when the site has changed since; then the session
 * decides again on `loadSessionSite(c, { fresh: true })`. Sets the request's `site` and
 * `siteVersion`. Answers 404 as `loadSite` does.
 */
export async function loadSessionSite(
  c: Context<AppEnv>,
  { fresh = false }: { fresh?: boolean } = {},
): Promise<VersionedSite> {
  const siteId = c.req.param("site") ?? "";
  let versioned = fresh ? undefined : sessionSites.get(siteId);
  if (!versioned) {
    const loaded =
      idSchema.safeParse(siteId).success && (await siteExists(c.env, siteId))
        ? await siteStub(c.env, siteId).versionedSite()
        : null;
    if (!loaded) throw notFound(`no site "${siteId.slice(0, 64)}"`);
    versioned = loaded;
    sessionSites.delete(siteId);
    if (sessionSites.size >= SESSION_SITES_PER_ISOLATE)
      sessionSites.delete(sessionSites.keys().next().value!);
    sessionSites.set(siteId, versioned);
  }
  c.set("site", versioned.site);
  c.set("siteVersion", versioned.version);
  return versioned;
}

/** Sites known to exist, per isolate: sites are never deleted, so a yes stays true. */
const knownSites = new Set<string>();

async function siteExists(env: Cloudflare.Env, siteId: string): Promise<boolean> {
  if (knownSites.has(siteId)) return true;
  if (!(await siteDirectoryStub(env).directoryHas(siteId))) return false;
  if (knownSites.size > 10_000) knownSites.clear();
  knownSites.add(siteId);
  return true;
}
