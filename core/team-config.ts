/**
 * What a TeamDO is told about itself and its agents by the SiteDO (the source of truth
 * for configuration), and how it is made from the site's stored bodies. Plain data, sent
 * over RPC and stored in the team's SQLite.
 */
import { resolveTeamPolicy } from "../protocol";
import type { AgentBody, BusinessHours, TeamBody, TeamMessages, TeamPolicy, TeamSettings } from "../protocol";
import type { AgentProfile } from "./assignment";

export interface TeamConfig {
  siteId: string;
  teamId: string;
  name: string;
  /** Fully resolved (preset + overrides, defaults filled in). */
  policy: TeamPolicy;
  settings: TeamSettings;
  /** Null: always open. */
  hours: BusinessHours | null;
  messages: TeamMessages;
}

/** An agent as the team sees them: the engine's profile plus a display name. */
export interface TeamAgentConfig extends AgentProfile {
  name: string;
}

/** What the Worker learned about a visitor at session time, kept by the team for new chats. */
export interface VisitorProfile {
  visitorId: string;
  /** Display name: the verified name, else a label made from the id. */
  name: string;
  email?: string;
  /** The site's own user id, when the identity was verified. */
  userId?: string;
  /** Attributes signed by the site's backend: the only ones routing and priority read. */
  verified: Record<string, string | number | boolean>;
  /** Attributes the page set without a valid signature: shown to agents, never used for routing. */
  hints: Record<string, string | number | boolean>;
  locale?: string;
  timeZone?: string;
  country?: string;
  page?: string;
}

/** The `TeamConfig` a team object is told, from the site's stored team body. */
export function teamConfigOf(siteId: string, teamId: string, team: TeamBody): TeamConfig {
  return {
    siteId,
    teamId,
    name: team.name,
    policy: resolveTeamPolicy(team),
    settings: team.settings,
    hours: team.hours,
    messages: team.messages,
  };
}

/** What a team object keeps of an agent of the site (their teams and login stay with the site). */
export function teamAgentConfigOf(id: string, agent: AgentBody): TeamAgentConfig {
  const { name, limit, skills, languages, tier, newCustomers, shift } = agent;
  return { id, name, limit, skills, languages, tier, newCustomers, shift };
}
