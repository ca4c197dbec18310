/**
 * The benchmark's site: `teams` support teams with automatic assignment (high-touch: the
 * agent with the fewest open conversations) and enough seats for every visitor, plus an
 * optional small "queue" team with fewer seats than visitors, where waiting visitors get
 * live queue positions. Routing rules send each visitor to a team by the page it is on.
 * Applied through the real admin API; every agent gets a login token.
 */
import { siteConfigSchema, type SiteConfig, type SiteConfigInput } from "../../protocol";
import { AdminClient } from "../../scripts/lib/admin-client";

export const BENCH_SITE = "bench";
export const BENCH_ORIGIN = "https://bench.example";
export const QUEUE_TEAM = "queue";

export interface SiteShape {
  /** Support teams (one TeamDO each) the main visitors and agents are spread over. */
  teams: number;
  /** Agents of the support teams. */
  agents: number;
  /** Visitors of the support teams. */
  visitors: number;
  /** Agents and visitors of the queue team (0 agents: no queue team). */
  queueAgents: number;
  queueVisitors: number;
  queueLimit: number;
  /** Seconds an agent whose socket dropped stays online (the fault bench outlives restarts). */
  presenceGraceSeconds: number;
}

export interface BenchTeam {
  id: string;
  page: string;
  agentIds: string[];
}

export interface BenchSite {
  config: SiteConfig;
  teams: BenchTeam[];
  queue: BenchTeam | null;
  /** Seats per agent of the support teams. */
  limit: number;
}

export const teamId = (index: number) => `t${index}`;

/** Teams and agents such that every support visitor finds a seat at once, with 25% to spare. */
export function benchSite(shape: SiteShape): BenchSite {
  const teams: BenchTeam[] = Array.from({ length: shape.teams }, (_, index) => ({
    id: teamId(index),
    page: `${BENCH_ORIGIN}/${teamId(index)}/help`,
    agentIds: [],
  }));
  for (let index = 0; index < shape.agents; index++) teams[index % shape.teams]!.agentIds.push(`a${index}`);
  const fewestAgents = Math.min(...teams.map((team) => team.agentIds.length));
  const visitorsPerTeam = Math.ceil(shape.visitors / shape.teams);
  const limit = Math.min(100, Math.ceil((visitorsPerTeam / Math.max(1, fewestAgents)) * 1.25));
  const queue: BenchTeam | null =
    shape.queueAgents > 0
      ? {
          id: QUEUE_TEAM,
          page: `${BENCH_ORIGIN}/${QUEUE_TEAM}/help`,
          agentIds: Array.from({ length: shape.queueAgents }, (_, i) => `q${i}`),
        }
      : null;

  const settings = { presenceGraceSeconds: shape.presenceGraceSeconds, agentGone: "reassign" as const };
  const input: SiteConfigInput = {
    site: BENCH_SITE,
    name: "Benchmark shop",
    allowedOrigins: [BENCH_ORIGIN],
    defaultTeam: teams[0]!.id,
    teams: Object.fromEntries([
      ...teams.map(
        (team) =>
          [
            team.id,
            { name: `Support ${team.id}`, preset: "high-touch", policy: { defaultLimit: limit }, settings },
          ] as const,
      ),
      ...(queue
        ? [
            [
              queue.id,
              { name: "Queue", preset: "high-touch", policy: { defaultLimit: shape.queueLimit }, settings },
            ] as const,
          ]
        : []),
    ]),
    agents: Object.fromEntries(
      [...teams, ...(queue ? [queue] : [])].flatMap((team) =>
        team.agentIds.map((id) => [id, { name: `Agent ${id}`, teams: [team.id] }] as const),
      ),
    ),
    routingRules: [...teams, ...(queue ? [queue] : [])].map((team) => ({
      team: team.id,
      when: { pages: [`*/${team.id}/*`] },
    })),
  };
  return { config: siteConfigSchema.parse(input), teams, queue, limit };
}

/** Applies the site through the admin API and issues one login token per agent. */
export async function applyBenchSite(
  origin: string,
  adminToken: string,
  site: BenchSite,
): Promise<Map<string, string>> {
  const admin = new AdminClient(origin, adminToken);
  await admin.applySiteConfig(site.config);
  const tokens = new Map<string, string>();
  const agentIds = Object.keys(site.config.agents);
  for (let i = 0; i < agentIds.length; i += 10) {
    const batch = agentIds.slice(i, i + 10);
    const issued = await Promise.all(batch.map((id) => admin.issueAgentToken(BENCH_SITE, id)));
    batch.forEach((id, j) => tokens.set(id, issued[j]!.token));
  }
  return tokens;
}
