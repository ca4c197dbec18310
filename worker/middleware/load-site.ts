/**
 * Loads the site named by the `:site` path parameter from its SiteDO, once per request,
 * and answers 404 `not_found` for an unknown or malformed site id.
 */
import type { Context } from "hono";
import { idSchema, type SiteView } from "../../protocol";
import { siteStub } from "../../durable-objects/addresses";
import { notFound } from "../api-error";
import type { AppEnv } from "../app-env";

export async function loadSite(c: Context<AppEnv>): Promise<SiteView> {
  const cached = c.get("site");
  if (cached) return cached;
  const siteId = c.req.param("site") ?? "";
  const site = idSchema.safeParse(siteId).success ? await siteStub(c.env, siteId).getSite() : null;
  if (!site) throw notFound(`no site "${siteId.slice(0, 64)}"`);
  c.set("site", site);
  return site;
}
