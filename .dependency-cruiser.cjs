/**
 * The import rules of the layout (README, "Architecture"), checked by `npm test`
 * (`npm run lint:imports`). A folder says where its code may run:
 *   protocol/ imports nobody; core/ imports only protocol/; durable-objects/ never imports
 *   worker/; browser code (client/, widget/, panel/) imports only protocol's zod-free entry
 *   and no server folder; widget/ and panel/ never import each other; nothing is circular.
 */
const BROWSER = "^(client|widget|panel)/";
const SERVER = "^(core|worker|durable-objects)/";
/** The protocol modules without zod, which the wire entry re-exports as values. */
const ZOD_FREE = "limits|error-codes|close-codes|canned-reply-fill|csat-scale|attachment-limits";

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "A cycle means two files are one concept, or one holds what both need.",
      from: {},
      to: { circular: true },
    },
    {
      name: "protocol-imports-nobody",
      severity: "error",
      comment: "The wire protocol is the base every side stands on; it may import only zod.",
      from: { path: "^protocol/" },
      to: { pathNot: ["^protocol/", "node_modules/zod/"] },
    },
    {
      name: "core-imports-only-protocol",
      severity: "error",
      comment: "core/ is pure TypeScript: no runtime (cloudflare:, node:), no DOM, no I/O, no other folder.",
      from: { path: "^core/" },
      to: { pathNot: ["^core/", "^protocol/", "node_modules/zod/"] },
    },
    {
      name: "core-has-no-runtime",
      severity: "error",
      comment:
        "Node builtins and cloudflare: modules are runtimes; core/ is tested in plain Node without them.",
      from: { path: "^core/" },
      to: { dependencyTypes: ["core"] },
    },
    {
      name: "core-has-no-platform",
      severity: "error",
      comment: "Nor workerd's modules, nor a browser or server framework.",
      from: { path: "^core/" },
      to: { path: "^cloudflare:|node_modules/(lit|@lit|hono|@hono)/" },
    },
    {
      name: "objects-never-import-worker",
      severity: "error",
      comment: "The Worker routes to the objects; an object importing the router runs back up the layers.",
      from: { path: "^durable-objects/" },
      to: { path: "^worker/" },
    },
    {
      name: "browser-imports-no-server",
      severity: "error",
      comment: "Browser code ships to visitors and agents: no server folder may end up in a bundle.",
      from: { path: BROWSER },
      to: { path: SERVER },
    },
    {
      name: "browser-imports-wire-only",
      severity: "error",
      comment: "Browser code imports the protocol through its zod-free entry, so no zod is ever bundled.",
      from: { path: BROWSER },
      to: { path: "^protocol/", pathNot: "^protocol/wire\\.ts$" },
    },
    {
      name: "browser-ships-no-zod",
      severity: "error",
      comment: "Not even through a third file.",
      from: { path: BROWSER },
      to: { path: "node_modules/zod/" },
    },
    {
      name: "wire-is-zod-free",
      severity: "error",
      comment:
        "protocol/wire.ts takes values only from the zod-free modules; zod-derived frames as types only.",
      from: { path: "^protocol/wire\\.ts$" },
      to: {
        path: "^protocol/",
        pathNot: `^protocol/(${ZOD_FREE})\\.ts$`,
        dependencyTypesNot: ["type-only"],
      },
    },
    {
      name: "zod-free-modules-stay-so",
      severity: "error",
      comment: "The wire constants browser code imports as values.",
      from: { path: `^protocol/(${ZOD_FREE})\\.ts$` },
      to: { pathNot: `^protocol/(${ZOD_FREE})\\.ts$` },
    },
    {
      name: "client-imports-only-protocol-wire",
      severity: "error",
      comment: "client/ is the kit widget and panel share; it cannot lean on either of them.",
      from: { path: "^client/" },
      to: { path: "^(widget|panel)/" },
    },
    {
      name: "widget-and-panel-apart",
      severity: "error",
      comment: "The visitor's widget and the agent's panel share code only through client/.",
      from: { path: "^widget/" },
      to: { path: "^panel/" },
    },
    {
      name: "panel-and-widget-apart",
      severity: "error",
      from: { path: "^panel/" },
      to: { path: "^widget/" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(dist|\\.wrangler)/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.base.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default"],
    },
  },
};
