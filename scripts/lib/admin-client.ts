/**
 * A small client of the admin API for scripts, tests and benchmarks: apply a site config
 * file, issue agent login tokens. Every call goes through the real HTTP API.
 */
import type { AgentTokenResponse, SiteConfig } from "../../protocol";

export class AdminClient {
  constructor(
    private readonly origin: string,
    private readonly adminToken: string,
  ) {}

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.origin}/v1/admin${path}`, {
      method,
      headers: { Authorization: `Bearer ${this.adminToken}`, "Content-Type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** Creates or updates the site, then its teams, then its agents (agents name teams). */
  async applySiteConfig(config: SiteConfig): Promise<void> {
    const { site, teams, agents, ...body } = config;
    await this.call("PUT", `/sites/${site}`, body);
    for (const [teamId, team] of Object.entries(teams)) await this.call("PUT", `/sites/${site}/teams/${teamId}`, team);
    for (const [agentId, agent] of Object.entries(agents)) await this.call("PUT", `/sites/${site}/agents/${agentId}`, agent);
  }

  issueAgentToken(site: string, agentId: string): Promise<AgentTokenResponse> {
    return this.call("POST", `/sites/${site}/agents/${agentId}/tokens`);
  }
}
