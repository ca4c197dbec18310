/**
 * The SiteDO's agents: listed, written and removed here, and pushed to each TeamDO they
 * join or leave as a full `TeamAgentConfig`. Removing an agent ends their credentials first
 * (`site-agent-credentials.ts`), so their tokens stop working at once.
 */
import { agentBodySchema, ok, type AgentBody, type AgentView, type Result } from "../../protocol";
import { teamAgentConfigOf } from "../../core/team-config";
import { teamStub } from "../addresses";
import type { SiteAgentCredentials } from "./site-agent-credentials";
import { invalid, noSite, type SiteHost } from "./site-host";

export class SiteAgents {
  constructor(
    private readonly host: SiteHost,
    private readonly credentials: SiteAgentCredentials,
  ) {}

  get(agentId: string): AgentView | null {
    if (!this.host.configured()) return null;
    const agent = this.host.store.agent(agentId);
    return agent ? { id: agentId, ...agent } : null;
  }

  /** Null when the site does not exist. */
  list(): AgentView[] | null {
    if (!this.host.site()) return null;
    return this.host.store.agents().map(({ id, body }) => ({ id, ...body }));
  }

  async put(agentId: string, body: AgentBody): Promise<Result> {
    const site = this.host.site();
    if (!site) return noSite();
    const agent = agentBodySchema.parse(body);
    const known = new Set(site.teams.map((team) => team.id));
    const unknown = agent.teams.findIndex((team) => !known.has(team));
    if (unknown >= 0) return invalid(`teams.${unknown}`, `no team "${agent.teams[unknown]}" on this site`);
    const before = this.get(agentId);
    this.host.store.putAgent(agentId, agent);
    const profile = teamAgentConfigOf(agentId, agent);
    const env = this.host.env;
    await Promise.all([
      ...agent.teams.map((teamId) => teamStub(env, site.siteId, teamId).upsertAgent(profile)),
      ...(before?.teams ?? [])
        .filter((teamId) => !agent.teams.includes(teamId))
        .map((teamId) => teamStub(env, site.siteId, teamId).removeAgent(agentId)),
    ]);
    return ok();
  }

  /** Removes the agent from the site and its teams; their tokens stop working at once. */
  async delete(agentId: string, now: number): Promise<boolean> {
    const site = this.host.site();
    const agent = this.get(agentId);
    if (!site || !agent) return false;
    this.credentials.endAll(agentId, now);
    this.host.store.deleteAgent(agentId);
    // Removing closes the agent's sockets in each team, whatever token opened them.
    await Promise.all(
      agent.teams.map((teamId) => teamStub(this.host.env, site.siteId, teamId).removeAgent(agentId)),
    );
    return true;
  }
}
