/**
 * What a TeamDO is told about itself and its agents by the SiteDO (the source of truth
 * for configuration). Plain data, sent over RPC and stored in the team's SQLite.
 */
export interface TeamConfig {
  siteId: string;
  teamId: string;
  name: string;
  /** Most open conversations per agent unless the agent has their own limit. */
  defaultLimit: number;
}

export interface TeamAgentConfig {
  id: string;
  name: string;
  /** Own limit, overriding the team's default. */
  limit: number | null;
}

export const DEFAULT_AGENT_LIMIT = 5;
