/**
 * A whole site config applied in one step, like `kubectl apply`: the SiteDO's
 * `applyConfig` calls this with a body the Worker validated whole (`siteConfigBodySchema`),
 * every SQL write happens in one transaction, and only then are the changed teams and
 * agents pushed to their TeamDOs (and the webhook endpoints, if they changed). Also the export
 * (`GET …/config`), which applies back to the same state. Teams, agents, secrets and webhook
 * endpoints the config leaves out are kept; so are the canned replies and labels of a team it
 * does not name (they live in the TeamDOs and are pushed there last, only where they differ).
 */
import {
  type CannedReply,
  type Label,
  agentBodySchema,
  siteBodySchema,
  siteConfigBodySchema,
  teamBodySchema,
  type AgentBody,
  type Result,
  type SiteConfigApplied,
  type SiteConfigBody,
  type TeamBody,
} from "../../protocol";
import { ok } from "../../protocol";
import { sha256Hex } from "../../core/crypto";
import { SiteWebhooks } from "./site-webhooks";

/** How the SiteDO tells team objects about a change (it owns the addressing and the shapes). */
export interface ConfigPushes {
  configureTeam(teamId: string, team: TeamBody): Promise<void>;
  /** The agent as now stored, and the teams it was in before (to leave the ones it left). */
  updateAgent(agentId: string, agent: AgentBody, formerTeams: readonly string[]): Promise<void>;
  /** The site's webhook endpoints changed: every team gets the new list. */
  webhooks(): Promise<void>;
  /** A team's lists as its object keeps them (empty for a team not set up yet). */
  teamLists(teamId: string): Promise<TeamLists>;
  putCannedReplies(teamId: string, replies: CannedReply[]): Promise<void>;
  putLabels(teamId: string, labels: Label[]): Promise<void>;
}

/** What a TeamDO keeps of a team's config (its leads edit them too), in the file per team. */
export interface TeamLists {
  cannedReplies: CannedReply[];
  labels: Label[];
}

/** The lists the file names that differ from the team's: [field, team, list]. */
async function changedLists(
  config: SiteConfigBody,
  pushes: ConfigPushes,
): Promise<{ cannedReplies: [string, CannedReply[]][]; labels: [string, Label[]][] }> {
  const teams = [
    ...new Set([...Object.keys(config.cannedReplies ?? {}), ...Object.keys(config.labels ?? {})]),
  ];
  const live = new Map(await Promise.all(teams.map(async (id) => [id, await pushes.teamLists(id)] as const)));
  const differs = (a: unknown, b: unknown) => JSON.stringify(a) !== JSON.stringify(b);
  return {
    cannedReplies: Object.entries(config.cannedReplies ?? {}).filter(([id, list]) =>
      differs(live.get(id)?.cannedReplies, list),
    ),
    labels: Object.entries(config.labels ?? {}).filter(([id, list]) => differs(live.get(id)?.labels, list)),
  };
}

const FINGERPRINT_CHARS = 12;

function rows<T extends Record<string, SqlStorageValue>>(sql: SqlStorage, query: string): T[] {
  return sql.exec<T>(query).toArray();
}

/** Stored ids -> canonical JSON (every value re-parsed, so equal configs compare equal). */
function storedBodies<T>(sql: SqlStorage, table: "teams" | "agents", parse: (v: unknown) => T) {
  return new Map(
    rows<{ id: string; config: string }>(sql, `SELECT id, config FROM ${table}`).map((row) => [
      row.id,
      JSON.stringify(parse(JSON.parse(row.config))),
    ]),
  );
}

export async function applySiteConfig(
  storage: DurableObjectStorage,
  body: SiteConfigBody & { site: string },
  now: number,
  pushes: ConfigPushes,
): Promise<Result<SiteConfigApplied>> {
  const config = { ...siteConfigBodySchema.parse(body), site: body.site };
  // Planned (and hashed) before the transaction; a stale or secret-less endpoint refuses the file.
  const hooks = await new SiteWebhooks(storage.sql).planConfig(config.webhooks ?? {}, now);
  if (!hooks.ok) return hooks;
  const sql = storage.sql;
  const wantedSecrets: [slot: string, secret: string][] =
    config.identitySecret === undefined
      ? []
      : [
          ["current", config.identitySecret],
          ...(config.previousIdentitySecret === undefined
            ? []
            : [["previous", config.previousIdentitySecret] as [string, string]]),
        ];
  // Hash and read the teams' lists first: nothing may interleave with the transaction below.
  const fingerprints = await Promise.all(wantedSecrets.map(([, secret]) => sha256Hex(secret)));
  const lists = await changedLists(config, pushes);

  const siteRow = rows<{ config: string; routing_rules: string }>(
    sql,
    "SELECT config, routing_rules FROM site",
  )[0];
  const siteJson = JSON.stringify(
    siteBodySchema.parse({
      name: config.name,
      allowedOrigins: config.allowedOrigins,
      defaultTeam: config.defaultTeam,
      attachments: config.attachments,
    }),
  );
  const rulesJson = JSON.stringify(config.routingRules);
  const teamsBefore = storedBodies(sql, "teams", (v) => teamBodySchema.parse(v));
  const agentsBefore = storedBodies(sql, "agents", (v) => agentBodySchema.parse(v));
  const secretsBefore = rows<{ slot: string; secret: string; created_at: number }>(
    sql,
    "SELECT slot, secret, created_at FROM identity_secrets",
  );

  const changed: string[] = [];
  if (siteRow?.config !== siteJson) changed.push("site");
  if (siteRow?.routing_rules !== rulesJson) changed.push("routingRules");
  const teams = Object.entries(config.teams).filter(
    ([id, team]) => teamsBefore.get(id) !== JSON.stringify(team),
  );
  const agents = Object.entries(config.agents).filter(
    ([id, agent]) => agentsBefore.get(id) !== JSON.stringify(agent),
  );
  const secretsChanged =
    wantedSecrets.length > 0 &&
    (wantedSecrets.length !== secretsBefore.length ||
      wantedSecrets.some(
        ([slot, secret]) => !secretsBefore.some((r) => r.slot === slot && r.secret === secret),
      ));
  changed.push(...teams.map(([id]) => `teams.${id}`), ...agents.map(([id]) => `agents.${id}`));
  if (secretsChanged) changed.push("identitySecret");
  changed.push(
    ...lists.cannedReplies.map(([id]) => `cannedReplies.${id}`),
    ...lists.labels.map(([id]) => `labels.${id}`),
  );
  changed.push(...hooks.value.changed);

  const formerTeams = new Map(
    agents.map(([id]) => {
      const before = agentsBefore.get(id);
      return [id, before ? agentBodySchema.parse(JSON.parse(before)).teams : []];
    }),
  );
  storage.transactionSync(() => {
    sql.exec(
      `INSERT INTO site (id, site_id, config, routing_rules) VALUES (1, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET config = excluded.config, routing_rules = excluded.routing_rules`,
      config.site,
      siteJson,
      rulesJson,
    );
    for (const [id, team] of teams)
      sql.exec(
        "INSERT OR REPLACE INTO teams (id, name, config) VALUES (?, ?, ?)",
        id,
        team.name,
        JSON.stringify(team),
      );
    for (const [id, agent] of agents)
      sql.exec("INSERT OR REPLACE INTO agents (id, config) VALUES (?, ?)", id, JSON.stringify(agent));
    if (secretsChanged) {
      // A secret already stored keeps its creation time, as with PUT …/identity-secrets.
      const createdAt = new Map(secretsBefore.map((r) => [r.secret, r.created_at]));
      sql.exec("DELETE FROM identity_secrets");
      wantedSecrets.forEach(([slot, secret], i) =>
        sql.exec(
          "INSERT INTO identity_secrets (slot, secret, fingerprint, created_at) VALUES (?, ?, ?, ?)",
          slot,
          secret,
          fingerprints[i]!.slice(0, FINGERPRINT_CHARS),
          createdAt.get(secret) ?? now,
        ),
      );
    }
    hooks.value.write();
  });

  // Teams first: an agent may join a team created by this very config.
  await Promise.all(teams.map(([id, team]) => pushes.configureTeam(id, team)));
  await Promise.all(agents.map(([id, agent]) => pushes.updateAgent(id, agent, formerTeams.get(id) ?? [])));
  await Promise.all([
    ...lists.cannedReplies.map(([id, replies]) => pushes.putCannedReplies(id, replies)),
    ...lists.labels.map(([id, labels]) => pushes.putLabels(id, labels)),
  ]);
  // After the teams: a team created by this config gets the endpoints too.
  if (hooks.value.changed.length > 0 || teams.length > 0) await pushes.webhooks();
  return ok({ ok: true, created: siteRow === undefined, changed });
}

/**
 * The stored site as a config file (JSON text: team policies are raw records, which cannot
 * cross RPC typed; the Worker parses it), with every team's canned replies and labels as its
 * object keeps them. No secrets: left out, applying keeps them.
 */
export async function exportSiteConfig(
  sql: SqlStorage,
  teamLists: ConfigPushes["teamLists"],
): Promise<string | null> {
  const site = rows<{ site_id: string; config: string; routing_rules: string }>(
    sql,
    "SELECT site_id, config, routing_rules FROM site",
  )[0];
  if (!site) return null;
  const byId = (table: "teams" | "agents") =>
    Object.fromEntries(
      rows<{ id: string; config: string }>(sql, `SELECT id, config FROM ${table} ORDER BY id`).map((row) => [
        row.id,
        JSON.parse(row.config) as unknown,
      ]),
    );
  const teams = byId("teams");
  const lists = await Promise.all(Object.keys(teams).map(async (id) => [id, await teamLists(id)] as const));
  const webhooks = new SiteWebhooks(sql).configFile();
  return JSON.stringify({
    site: site.site_id,
    ...(JSON.parse(site.config) as object),
    teams,
    agents: byId("agents"),
    routingRules: JSON.parse(site.routing_rules) as unknown,
    cannedReplies: Object.fromEntries(lists.map(([id, list]) => [id, list.cannedReplies])),
    labels: Object.fromEntries(lists.map(([id, list]) => [id, list.labels])),
    ...(Object.keys(webhooks).length > 0 ? { webhooks } : {}),
  });
}
