/**
 * The configuration reference (`docs/configuration.md`), rendered from the protocol's zod
 * schemas: every field of a site config file and of a team policy with its type, default
 * and `.describe()` text, the presets, and worked examples that are validated by the same
 * schemas while rendering (an example that stops parsing fails `npm run docs` and the test).
 * Used by `scripts/docs.ts` and `test/unit/docs/configuration-reference.test.ts`.
 */
import { z } from "zod";
import { policyPresets, siteConfigSchema, teamPolicySchema, type SiteConfigInput } from "../../protocol";

type Json = Record<string, unknown>;
interface Row {
  path: string;
  type: string;
  default: string;
  description: string;
}

const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const cell = (text: string) => text.replaceAll("|", "\\|").replaceAll("\n", " ");
const code = (value: unknown) => `\`${JSON.stringify(value)}\``;

function typeOf(schema: Json): string {
  if (Array.isArray(schema.enum)) return schema.enum.map((value) => code(value)).join(" | ");
  if ("const" in schema) return code(schema.const);
  if (Array.isArray(schema.anyOf)) return schema.anyOf.filter(isObject).map(typeOf).join(" or ");
  const bounds = (low: unknown, high: unknown) =>
    low !== undefined || high !== undefined ? ` ${low ?? ""}–${high ?? ""}` : "";
  switch (schema.type) {
    case "integer":
    case "number":
      return `${schema.type}${bounds(schema.minimum, schema.maximum)}`;
    case "string":
      return `string${schema.format ? ` (${String(schema.format)})` : ""}${bounds(schema.minLength, schema.maxLength)}`;
    case "array":
      return `array of ${isObject(schema.items) ? typeOf(schema.items) : "any"}${bounds(schema.minItems, schema.maxItems)}`;
    case "object":
      return isObject(schema.additionalProperties) && !isObject(schema.properties)
        ? "map of id → object"
        : "object";
    default:
      return typeof schema.type === "string" ? schema.type : "any";
  }
}

/** One row per field, parents before children; `stop` names paths documented elsewhere. */
function walk(schema: Json, path: string, out: Row[], stop: ReadonlySet<string>): void {
  if (path) {
    out.push({
      path,
      type: typeOf(schema),
      default: "default" in schema ? code(schema.default) : "",
      description:
        typeof schema.description === "string"
          ? schema.description
          : path.endsWith("[]")
            ? "Each item:"
            : path.endsWith("<id>")
              ? "Each entry, by its key:"
              : "",
    });
  }
  if (stop.has(path)) return;
  const branches = Array.isArray(schema.anyOf) ? schema.anyOf.filter(isObject) : [schema];
  for (const branch of branches) {
    if (isObject(branch.properties))
      for (const [key, child] of Object.entries(branch.properties))
        if (isObject(child)) walk(child, path ? `${path}.${key}` : key, out, stop);
    if (isObject(branch.additionalProperties) && Object.keys(branch.additionalProperties).length > 0)
      walk(branch.additionalProperties, `${path}.<id>`, out, stop);
    if (branch.type === "array" && isObject(branch.items) && (branch.items.properties || branch.items.anyOf))
      walk({ ...branch.items, type: branch.items.type }, `${path}[]`, out, stop);
  }
}

function table(rows: Row[]): string {
  const lines = ["| field | type | default | what |", "|---|---|---|---|"];
  const seen = new Set<string>();
  for (const row of rows) {
    if (seen.has(row.path)) continue; // a union's branches may share a path
    seen.add(row.path);
    lines.push(`| \`${row.path}\` | ${cell(row.type)} | ${cell(row.default)} | ${cell(row.description)} |`);
  }
  return lines.join("\n");
}

const jsonSchema = (schema: z.ZodType) =>
  z.toJSONSchema(schema, { io: "input", unrepresentable: "any", reused: "inline" }) as Json;

/** A site using what owners ask about most: hours, priority, a dedicated agent, VIP routing. */
export const exampleSite: SiteConfigInput = {
  site: "shop",
  name: "Shop",
  allowedOrigins: ["https://shop.example", "https://www.shop.example"],
  defaultTeam: "support",
  identitySecret: { env: "SHOP_IDENTITY_SECRET" },
  teams: {
    support: {
      name: "Support",
      preset: "high-touch",
      policy: {
        // Paying plans first: level 5 for "pro", 9 for customers spending 10,000 or more.
        priorityRules: [
          { when: { attribute: "plan", equals: "pro" }, level: 5 },
          { when: { attribute: "lifetimeValue", atLeast: 10000 }, level: 9 },
        ],
        // Verified user 42 always goes to Ana first; after 2 minutes to anyone in the team.
        dedicatedAgents: {
          rules: [{ when: { attribute: "accountId", equals: "42" }, agentId: "ana" }],
          waitSeconds: 120,
          fallback: "team",
        },
      },
      settings: { matchLanguage: true },
      // A split shift (9-13 and 14-18 on weekdays), Saturday mornings, closed on Christmas
      // and open only in the morning on Christmas Eve; outside hours the offline form.
      hours: {
        timeZone: "Europe/Madrid",
        weekly: [
          ...(["mon", "tue", "wed", "thu", "fri"] as const).flatMap((day) => [
            { day, start: "09:00", end: "13:00" },
            { day, start: "14:00", end: "18:00" },
          ]),
          { day: "sat", start: "10:00", end: "14:00" },
        ],
        exceptions: [
          { date: "2026-12-25", slots: [], label: "Christmas" },
          { date: "2026-12-24", slots: [{ start: "09:00", end: "13:00" }], label: "Christmas Eve" },
        ],
        outsideHours: "offline-form",
      },
      messages: {
        defaultLanguage: "es",
        templates: {
          en: { welcome: "Hi! The {team} team is here." },
          es: { welcome: "¡Hola! Aquí el equipo de {team}." },
        },
      },
    },
    vip: { name: "VIP desk", preset: "high-touch", policy: { defaultLimit: 2 } },
    sales: { name: "Sales", preset: "sales" },
  },
  agents: {
    ana: { name: "Ana García", teams: ["support", "vip"], role: "lead", languages: ["es", "en"], tier: 2 },
    ben: {
      name: "Ben Okafor",
      teams: ["support"],
      limit: 4,
      skills: ["billing"],
      shift: { timeZone: "Europe/Madrid", windows: [{ day: "mon", start: "22:00", end: "06:00" }] },
    },
    chloe: { name: "Chloé Martin", teams: ["sales"], newCustomers: true },
  },
  routingRules: [
    // Verified VIPs (signed by your backend) to the VIP desk, whatever the page.
    { team: "vip", when: { attributes: { vip: true } }, label: "VIP customers" },
    { team: "sales", when: { choices: ["sales"] } },
    { team: "sales", when: { pages: ["*/pricing*"], languages: ["en", "es"] }, label: "pricing pages" },
  ],
};

export function renderConfigurationReference(): string {
  // Throws if an example no longer parses: the reference never shows a file that fails.
  siteConfigSchema.parse(exampleSite);
  for (const preset of Object.values(policyPresets)) teamPolicySchema.parse(preset);
  const siteRows: Row[] = [];
  walk(jsonSchema(siteConfigSchema), "", siteRows, new Set(["teams.<id>.policy"]));
  const policyRows: Row[] = [];
  walk(jsonSchema(teamPolicySchema), "", policyRows, new Set());
  const presets = Object.entries(policyPresets).map(([name, preset]) => `| \`${name}\` | ${code(preset)} |`);
  const example = JSON.stringify(exampleSite, null, 2);
  return `<!-- Generated by \`npm run docs\` from the zod schemas in protocol/ (their .describe() texts); do not edit by hand. -->
# Configuration reference

A site is one JSON file (\`protocol/site-config.ts\`), applied with \`npm run config -- apply FILE\`.
The whole file is checked by the rules below before anything is written, then applied in one
step (\`PUT /v1/admin/sites/:site/config\`); a file that fails changes nothing. Applying creates
and updates; it never deletes a team, an agent or a secret the file leaves out.
\`npm run config -- diff FILE\` shows what would change, \`npm run config -- export\` writes the
live site as a file that applies back to the same state.

Paths: \`<id>\` is a key you choose (1–63 of a–z, 0–9, \`_\`, \`-\`); \`[]\` is each item of a list.
A field with a default may be left out.

## An example

Two teams with hours, priorities and a dedicated agent, a VIP desk, and rules that route
verified VIPs, visitors who pick "Sales" and the pricing pages:

\`\`\`json
${example}
\`\`\`

## Site config fields

${table(siteRows)}

## Team policy fields (\`teams.<id>.policy\`)

A team's \`policy\` holds any of these fields over its \`preset\`; left out, a field takes the
preset's value, else the default below.

${table(policyRows)}

## Presets (\`teams.<id>.preset\`)

| preset | policy fields it sets |
|---|---|
${presets.join("\n")}
`;
}
