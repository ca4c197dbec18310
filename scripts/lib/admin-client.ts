/**
 * A small client of the admin API for scripts, tests and benchmarks: apply a site config
 * file (site, identity secrets, teams, agents, routing rules), issue agent login tokens.
 * Every call goes through the real HTTP API, so the Worker validates everything again.
 */
import type {
  AgentTokenInfo,
  AgentTokenResponse,
  IdentitySecretsBody,
  SecretSource,
  SiteBody,
  SiteConfig,
} from "../../protocol";

export class AdminClient {
  constructor(
    private readonly origin: string,
    private readonly adminToken: string,
    /** Where `{ "env": NAME }` secrets are read from. */
    private readonly environment: Readonly<Record<string, string | undefined>> = process.env,
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

  /** A secret written in the file, or read from the environment variable it names. */
  private secret(source: SecretSource, field: string): string {
    if (typeof source === "string") return source;
    const value = this.environment[source.env];
    if (!value) throw new Error(`${field}: environment variable ${source.env} is not set`);
    return value;
  }

  /**
   * Creates or updates everything in the file, in dependency order: the site, its secrets,
   * the teams, the site's settings again (its default team must exist once it has teams),
   * the agents and last the routing rules (both name teams). Nothing left out is deleted.
   */
  async applySiteConfig(config: SiteConfig): Promise<void> {
    const {
      site,
      teams,
      agents,
      routingRules,
      identitySecret,
      previousIdentitySecret,
      name,
      allowedOrigins,
      defaultTeam,
    } = config;
    const siteBody: SiteBody = { name, allowedOrigins, defaultTeam };
    if (!(await this.siteExists(site))) await this.call("PUT", `/sites/${site}`, siteBody);
    if (identitySecret !== undefined) {
      const secrets: IdentitySecretsBody = {
        current: this.secret(identitySecret, "identitySecret"),
        ...(previousIdentitySecret === undefined
          ? {}
          : { previous: this.secret(previousIdentitySecret, "previousIdentitySecret") }),
      };
      await this.call("PUT", `/sites/${site}/identity-secrets`, secrets);
    }
    for (const [teamId, team] of Object.entries(teams))
      await this.call("PUT", `/sites/${site}/teams/${teamId}`, team);
    await this.call("PUT", `/sites/${site}`, siteBody);
    for (const [agentId, agent] of Object.entries(agents))
      await this.call("PUT", `/sites/${site}/agents/${agentId}`, agent);
    await this.call("PUT", `/sites/${site}/routing-rules`, routingRules);
  }

  private async siteExists(site: string): Promise<boolean> {
    const response = await fetch(`${this.origin}/v1/admin/sites/${site}`, {
      headers: { Authorization: `Bearer ${this.adminToken}` },
    });
    if (response.status !== 404 && !response.ok)
      throw new Error(`GET /sites/${site}: ${response.status} ${await response.text()}`);
    return response.ok;
  }

  issueAgentToken(site: string, agentId: string): Promise<AgentTokenResponse> {
    return this.call("POST", `/sites/${site}/agents/${agentId}/tokens`);
  }

  /** Revokes every working token of the agent; returns how many there were. */
  async revokeAgentTokens(site: string, agentId: string): Promise<number> {
    const tokens = await this.call<AgentTokenInfo[]>("GET", `/sites/${site}/agents/${agentId}/tokens`);
    const live = tokens.filter((token) => token.revokedAt === null);
    for (const token of live)
      await this.call("DELETE", `/sites/${site}/agents/${agentId}/tokens/${token.tokenId}`);
    return live.length;
  }
}
