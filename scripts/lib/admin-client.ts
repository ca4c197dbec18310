/**
 * A small client of the admin API for scripts, tests and benchmarks: apply a site config
 * file (site, identity secrets, teams, agents, routing rules) in one call, export the live
 * site as a file, issue one-time agent login links and login tokens (for scripts), erase a
 * conversation's or a visitor's data (privacy requests).
 * Every call goes through the real HTTP API, so the Worker validates everything again.
 */
import {
  siteConfigSchema,
  type AgentLoginLinkResponse,
  type AgentSignedOut,
  type AgentTokenResponse,
  type IdentitySecretsView,
  type SecretSource,
  type SiteConfig,
  type SiteConfigApplied,
  type SiteConfigBody,
  type AgentTokenInfo,
  type EraseVisitorBody,
  type ErasureReport,
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

  /** The file with its `{ "env": NAME }` secrets read: the body of `PUT …/config`. */
  resolveSecrets(config: SiteConfig): SiteConfigBody {
    const { identitySecret, previousIdentitySecret, webhooks, ...rest } = config;
    return {
      ...rest,
      ...(webhooks === undefined
        ? {}
        : {
            webhooks: Object.fromEntries(
              Object.entries(webhooks).map(([id, { secret, ...endpoint }]) => [
                id,
                secret === undefined
                  ? endpoint
                  : { ...endpoint, secret: this.secret(secret, `webhooks.${id}.secret`) },
              ]),
            ),
          }),
      ...(identitySecret === undefined
        ? {}
        : { identitySecret: this.secret(identitySecret, "identitySecret") }),
      ...(previousIdentitySecret === undefined
        ? {}
        : { previousIdentitySecret: this.secret(previousIdentitySecret, "previousIdentitySecret") }),
    };
  }

  /**
   * Sends the whole file in one call: the server validates all of it (secret lengths, team
   * references) before writing anything, then writes it at once. Nothing left out is deleted.
   */
  applySiteConfig(config: SiteConfig): Promise<SiteConfigApplied> {
    return this.call("PUT", `/sites/${config.site}/config`, this.resolveSecrets(config));
  }

  /** The live site as a config file (no secrets), or null when there is no such site. */
  async exportSiteConfig(site: string): Promise<SiteConfig | null> {
    const response = await fetch(`${this.origin}/v1/admin/sites/${site}/config`, {
      headers: { Authorization: `Bearer ${this.adminToken}` },
    });
    if (response.status === 404) return null;
    if (!response.ok)
      throw new Error(`GET /sites/${site}/config: ${response.status} ${await response.text()}`);
    return siteConfigSchema.parse(await response.json());
  }

  /** Fingerprints of the live identity secrets (never the secrets). */
  identitySecrets(site: string): Promise<IdentitySecretsView> {
    return this.call("GET", `/sites/${site}/identity-secrets`);
  }

  /** Erases one conversation's data in every team of the site (a privacy request). */
  eraseConversation(site: string, conversationId: string): Promise<ErasureReport> {
    return this.call("DELETE", `/sites/${site}/conversations/${encodeURIComponent(conversationId)}`);
  }

  /** Erases every conversation of a visitor (by visitor id, or a verified user's user id). */
  eraseVisitor(site: string, body: EraseVisitorBody): Promise<ErasureReport> {
    return this.call("POST", `/sites/${site}/visitors/erase`, body);
  }

  /** A one-time panel login link (15 minutes); the agent's earlier unused link stops working. */
  issueLoginLink(site: string, agentId: string): Promise<AgentLoginLinkResponse> {
    return this.call("POST", `/sites/${site}/agents/${agentId}/login-links`);
  }

  /** Signs the agent out of every browser (sessions and unused links end; tokens stay). */
  signOutAgent(site: string, agentId: string): Promise<AgentSignedOut> {
    return this.call("DELETE", `/sites/${site}/agents/${agentId}/sessions`);
  }

  /** Revokes all the agent's tokens and ends all their sessions and links, sockets included. */
  revokeAgent(site: string, agentId: string): Promise<AgentSignedOut> {
    return this.call("DELETE", `/sites/${site}/agents/${agentId}/tokens`);
  }

  /** A login token for scripts (`Authorization: Bearer`); people sign in with a login link. */
  issueAgentToken(site: string, agentId: string): Promise<AgentTokenResponse> {
    return this.call("POST", `/sites/${site}/agents/${agentId}/tokens`);
  }

  /**
   * Revokes every working token of the agent, one by one (panel sessions opened with a pasted
   * token end with it; those from login links stay); returns how many there were.
   */
  async revokeAgentTokens(site: string, agentId: string): Promise<number> {
    const tokens = await this.call<AgentTokenInfo[]>("GET", `/sites/${site}/agents/${agentId}/tokens`);
    const live = tokens.filter((token) => token.revokedAt === null);
    for (const token of live)
      await this.call("DELETE", `/sites/${site}/agents/${agentId}/tokens/${token.tokenId}`);
    return live.length;
  }
}
