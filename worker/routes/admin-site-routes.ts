/**
 * Admin routes of a site itself, under `/v1/admin/sites/:site`: its settings, its ordered
 * routing rules (each must name an existing team), and its identity secrets with rotation
 * (a current and an optional previous secret, both accepted until the previous is removed).
 */
import { Hono } from "hono";
import {
  identitySecretsBodySchema,
  rotateIdentitySecretBodySchema,
  routingRulesBodySchema,
  siteBodySchema,
  siteConfigBodySchema,
  siteConfigSchema,
  ErrorCode,
  type IdentitySecretsView,
  type RotatedIdentitySecret,
} from "../../protocol";
import { siteStub } from "../../durable-objects/addresses";
import { ApiError, notFound } from "../api-error";
import type { AppEnv } from "../app-env";
import { randomSecret } from "../../core/crypto";
import { jsonBody } from "../middleware/json-body";
import { applied, appliedValue, found, pathId } from "./route-helpers";

export const adminSiteRoutes = new Hono<AppEnv>();

adminSiteRoutes.get("/", async (c) => {
  return c.json(found(await siteStub(c.env, pathId(c, "site")).adminView(), "site"));
});

adminSiteRoutes.put("/", jsonBody(siteBodySchema), async (c) => {
  const siteId = pathId(c, "site");
  applied(await siteStub(c.env, siteId).putSite(siteId, c.req.valid("json")));
  return c.json({ ok: true as const });
});

// The whole site as one file: validated whole, written in one SiteDO call (apply-site-config.ts).
adminSiteRoutes.get("/config", async (c) => {
  const text = found(await siteStub(c.env, pathId(c, "site")).exportConfig(), "site");
  return c.json(siteConfigSchema.parse(JSON.parse(text)));
});

adminSiteRoutes.put("/config", jsonBody(siteConfigBodySchema), async (c) => {
  const siteId = pathId(c, "site");
  const body = c.req.valid("json");
  if (body.site !== undefined && body.site !== siteId)
    throw new ApiError(
      400,
      ErrorCode.invalidFrame,
      `site: must be "${siteId}", the site of the path`,
      "site",
    );
  return c.json(
    appliedValue(await siteStub(c.env, siteId).applyConfig({ ...body, site: siteId }, Date.now())),
  );
});

adminSiteRoutes.get("/routing-rules", async (c) => {
  return c.json(found(await siteStub(c.env, pathId(c, "site")).getSite(), "site").routingRules);
});

adminSiteRoutes.put("/routing-rules", jsonBody(routingRulesBodySchema), async (c) => {
  applied(await siteStub(c.env, pathId(c, "site")).putRoutingRules(c.req.valid("json")));
  return c.json({ ok: true as const });
});

adminSiteRoutes.get("/identity-secrets", async (c) => {
  const site = siteStub(c.env, pathId(c, "site"));
  found(await site.getSite(), "site");
  return c.json<IdentitySecretsView>(await site.identitySecretsView());
});

adminSiteRoutes.put("/identity-secrets", jsonBody(identitySecretsBodySchema), async (c) => {
  const site = siteStub(c.env, pathId(c, "site"));
  const { current, previous } = c.req.valid("json");
  applied(await site.setIdentitySecrets(current, previous, Date.now()));
  return c.json<IdentitySecretsView>(await site.identitySecretsView());
});

adminSiteRoutes.post("/identity-secrets/rotate", jsonBody(rotateIdentitySecretBodySchema), async (c) => {
  const site = siteStub(c.env, pathId(c, "site"));
  const secret = c.req.valid("json").secret ?? randomSecret();
  applied(await site.rotateIdentitySecret(secret, Date.now()));
  const response: RotatedIdentitySecret = { secret, ...(await site.identitySecretsView()) };
  return c.json(response);
});

adminSiteRoutes.delete("/identity-secrets/previous", async (c) => {
  if (!(await siteStub(c.env, pathId(c, "site")).removePreviousIdentitySecret()))
    throw notFound("no previous identity secret");
  return c.body(null, 204);
});
