/**
 * The admin API's site operations: the site, its routing rules, identity secrets and the
 * whole config file (`worker/routes/admin-site-routes.ts`).
 *
 * Part of the OpenAPI catalog (`index.ts` assembles the parts in order).
 */
import {
  identitySecretsBodySchema,
  identitySecretsViewSchema,
  rotatedIdentitySecretSchema,
  rotateIdentitySecretBodySchema,
  routingRulesBodySchema,
  siteAdminViewSchema,
  siteBodySchema,
  siteConfigAppliedSchema,
  siteConfigBodySchema,
  siteConfigSchema,
} from "../../protocol";
import { ApiAuth, type ApiOperation } from "../../protocol/openapi";
import { ok, named, site } from "./shared";

export const adminSiteOperations: readonly ApiOperation[] = [
  {
    method: "get",
    path: site,
    summary: "Read a site: settings, routing rules, teams, secret fingerprints",
    tag: "sites",
    auth: ApiAuth.admin,
    responses: { 200: named("SiteAdminView", siteAdminViewSchema) },
    errors: [404],
  },
  {
    method: "put",
    path: site,
    summary: "Create or replace a site's settings",
    tag: "sites",
    auth: ApiAuth.admin,
    body: {
      ...named("SiteBody", siteBodySchema),
      example: { name: "Shop", allowedOrigins: ["https://shop.example"], defaultTeam: "support" },
    },
    responses: { 200: ok },
  },
  {
    method: "get",
    path: `${site}/config`,
    summary: "Export the whole site as a config file",
    tag: "sites",
    auth: ApiAuth.admin,
    description: "Settings, teams, agents and rules, without secrets; applying it back changes nothing.",
    responses: { 200: named("SiteConfig", siteConfigSchema) },
    errors: [404],
  },
  {
    method: "put",
    path: `${site}/config`,
    summary: "Apply a whole site config in one step",
    tag: "sites",
    auth: ApiAuth.admin,
    description:
      "Validated whole (identity secrets of 32+ characters, rules, agents and the default team naming teams of the file), then written at once: a refused config changes nothing. Teams, agents and secrets it leaves out are kept. `site` must be the path's site.",
    body: {
      ...named("SiteConfigBody", siteConfigBodySchema),
      example: {
        name: "Shop",
        allowedOrigins: ["https://shop.example"],
        defaultTeam: "support",
        teams: {
          support: { name: "Support", preset: "high-touch" },
          sales: { name: "Sales", preset: "sales" },
        },
        agents: { ana: { name: "Ana", teams: ["support"], role: "lead" } },
        routingRules: [{ team: "sales", when: { pages: ["*/pricing*"] } }],
      },
    },
    responses: { 200: named("SiteConfigApplied", siteConfigAppliedSchema) },
    errors: [400],
  },
  {
    method: "get",
    path: `${site}/routing-rules`,
    summary: "Read the ordered routing rules",
    tag: "sites",
    auth: ApiAuth.admin,
    responses: { 200: named("RoutingRules", routingRulesBodySchema) },
    errors: [404],
  },
  {
    method: "put",
    path: `${site}/routing-rules`,
    summary: "Replace the ordered routing rules",
    tag: "sites",
    auth: ApiAuth.admin,
    description:
      "First match wins; no match: the default team. A rule naming a team the site does not have is refused with its path (e.g. `2.team`).",
    body: {
      ...named("RoutingRulesBody", routingRulesBodySchema),
      example: [{ team: "support", when: { pages: ["https://shop.example/help/*"] }, label: "Help pages" }],
    },
    responses: { 200: ok },
    errors: [404],
  },
  {
    method: "get",
    path: `${site}/identity-secrets`,
    summary: "Fingerprints of the current and previous identity secrets",
    tag: "sites",
    auth: ApiAuth.admin,
    responses: { 200: named("IdentitySecretsView", identitySecretsViewSchema) },
    errors: [404],
  },
  {
    method: "put",
    path: `${site}/identity-secrets`,
    summary: "Set the current (and optionally previous) identity secret",
    tag: "sites",
    auth: ApiAuth.admin,
    body: {
      ...named("IdentitySecretsBody", identitySecretsBodySchema),
      example: { current: "4f1c0e9a7b2d48e6a3c5f0b1d9e8a7c64f1c0e9a7b2d48e6a3c5f0b1d9e8a7c6" },
    },
    responses: { 200: named("IdentitySecretsView", identitySecretsViewSchema) },
    errors: [404],
  },
  {
    method: "post",
    path: `${site}/identity-secrets/rotate`,
    summary: "Start a rotation: current becomes previous; both are accepted",
    tag: "sites",
    auth: ApiAuth.admin,
    description: "Without `secret`, a 256-bit secret is generated and returned this once.",
    body: {
      ...named("RotateIdentitySecretBody", rotateIdentitySecretBodySchema),
      example: { secret: "9b8a7c6d5e4f30219b8a7c6d5e4f30219b8a7c6d5e4f30219b8a7c6d5e4f3021" },
    },
    responses: { 200: named("RotatedIdentitySecret", rotatedIdentitySecretSchema) },
    errors: [404],
  },
  {
    method: "delete",
    path: `${site}/identity-secrets/previous`,
    summary: "End a rotation: the previous secret stops being accepted",
    tag: "sites",
    auth: ApiAuth.admin,
    responses: { 204: "removed" },
    errors: [404],
  },
];
