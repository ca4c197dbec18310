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

/** Sites known to exist, per isolate: sites are never deleted, so a yes stays true. */
const knownSites = new Set<string>();

async function siteExists(env: Cloudflare.Env, siteId: string): Promise<boolean> {
  if (knownSites.has(siteId)) return true;
  if (!(await siteDirectoryStub(env).directoryHas(siteId))) return false;
  if (knownSites.size > 10_000) knownSites.clear();
  knownSites.add(siteId);
  return true;
}
