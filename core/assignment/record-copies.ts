/**
 * How records cross the engine's boundary. Records coming in (from storage or an admin's
 * profile) are rebuilt field by field with frozen arrays, so the engine owns them and every
 * record of a kind has the same shape (fast to copy and read). Records going out are shallow
 * copies: their arrays are frozen and only ever replaced, never changed in place.
 */
import type { AgentProfile, AgentRecord, ConversationRecord, TeamState } from "./records";

export function adoptAgent(record: AgentRecord): AgentRecord {
  return {
    id: record.id,
    limit: record.limit,
    skills: Object.freeze([...record.skills]),
    languages: Object.freeze([...record.languages]),
    tier: record.tier,
    newCustomers: record.newCustomers,
    shift: record.shift,
    status: record.status,
    lastAssignedAt: record.lastAssignedAt,
    roundRobinTurn: record.roundRobinTurn,
    recentReplySeconds: Object.freeze([...record.recentReplySeconds]),
    absentSince: record.absentSince,
    offlineSince: record.offlineSince,
  };
}

/** The agent with an admin's profile applied; presence, turn and samples are the engine's. */
export function withProfile(record: AgentRecord, profile: AgentProfile): AgentRecord {
  return adoptAgent({
    ...record,
    limit: profile.limit,
    skills: profile.skills,
    languages: profile.languages,
    tier: profile.tier,
    newCustomers: profile.newCustomers,
    shift: profile.shift,
  });
}

export function adoptConversation(record: ConversationRecord): ConversationRecord {
  return {
    id: record.id,
    visitorId: record.visitorId,
    state: record.state,
    agentId: record.agentId,
    queuedAt: record.queuedAt,
    sequence: record.sequence,
    priority: record.priority,
    waitingSince: record.waitingSince,
    tier: record.tier,
    tierSince: record.tierSince,
    requiredSkills: Object.freeze([...record.requiredSkills]),
    language: record.language,
    relaxedLanguage: record.relaxedLanguage,
    relaxedSkills: record.relaxedSkills,
    preference: record.preference,
    preferredAgentId: record.preferredAgentId,
    preferenceUntil: record.preferenceUntil,
    previousAgentId: record.previousAgentId,
    avoidAgentId: record.avoidAgentId,
    isNewCustomer: record.isNewCustomer,
    assignedAt: record.assignedAt,
    firstResponseAt: record.firstResponseAt,
    closedAt: record.closedAt,
    transferredToTeamId: record.transferredToTeamId,
  };
}

export function adoptTeam(team: TeamState): TeamState {
  return {
    nextSequence: team.nextSequence,
    nextRoundRobinTurn: team.nextRoundRobinTurn,
    recentReplySeconds: Object.freeze([...team.recentReplySeconds]),
    closesByMinute: Object.freeze([...team.closesByMinute]),
    closesFromMinute: team.closesFromMinute,
  };
}

export function copyAgent(record: AgentRecord): AgentRecord {
  return { ...record };
}

export function copyConversation(record: ConversationRecord): ConversationRecord {
  return { ...record };
}

export function copyTeam(team: TeamState): TeamState {
  return { ...team };
}
