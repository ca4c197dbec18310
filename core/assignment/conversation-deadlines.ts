/**
 * The waits that change a queued conversation's eligibility: the preference wait (then the
 * team may take it), the language and skills relax waits (language first), and the tier
 * escalation wait. `nextDeadline` feeds the engine's timer heap and the DO's alarm;
 * `applyDueDeadlines` performs every change that is due.
 */
import type { TeamPolicy, Tier } from "../../protocol/team-policy";
import type { Decision } from "./decisions";
import type { ConversationRecord } from "./records";

const SECOND_MS = 1000;

function languageRelaxAt(conversation: ConversationRecord, policy: TeamPolicy): number | undefined {
  const after = policy.relax.languageAfterSeconds;
  if (after === null || conversation.language === undefined || conversation.relaxedLanguage) return undefined;
  return conversation.waitingSince + after * SECOND_MS;
}

function skillsRelaxAt(conversation: ConversationRecord, policy: TeamPolicy): number | undefined {
  const after = policy.relax.skillsAfterSeconds;
  if (after === null || conversation.requiredSkills.length === 0 || conversation.relaxedSkills)
    return undefined;
  return conversation.waitingSince + after * SECOND_MS;
}

function escalateAt(conversation: ConversationRecord, policy: TeamPolicy): number | undefined {
  const after = policy.tiers.escalateAfterSeconds;
  if (after === null || conversation.tier >= policy.tiers.highestTier) return undefined;
  return conversation.tierSince + after * SECOND_MS;
}

/** The earliest time a waiting conversation's eligibility changes by itself, if ever. */
export function nextDeadline(conversation: ConversationRecord, policy: TeamPolicy): number | undefined {
  const preferenceEnds = conversation.preference !== undefined ? conversation.preferenceUntil : undefined;
  const relaxes = earliest(languageRelaxAt(conversation, policy), skillsRelaxAt(conversation, policy));
  return earliest(earliest(preferenceEnds, relaxes), escalateAt(conversation, policy));
}

function earliest(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined ? b : b === undefined ? a : Math.min(a, b);
}

/** The next tier up, if any. */
export function tierAbove(tier: Tier): Tier | undefined {
  return tier === 1 ? 2 : tier === 2 ? 3 : undefined;
}

/** Drops the preference; the conversation is now for the team. */
export function clearPreference(conversation: ConversationRecord): void {
  // Assigning undefined rather than deleting keeps every record the same shape (fast to copy).
  conversation.preference = undefined;
  conversation.preferredAgentId = undefined;
  conversation.preferenceUntil = undefined;
}

/** Applies every wait that has run out by `now`; returns what changed (empty when nothing). */
export function applyDueDeadlines(
  conversation: ConversationRecord,
  policy: TeamPolicy,
  now: number,
): Decision[] {
  const decisions: Decision[] = [];
  const conversationId = conversation.id;
  const preference = conversation.preference;
  if (
    preference !== undefined &&
    conversation.preferenceUntil !== undefined &&
    conversation.preferenceUntil <= now
  ) {
    clearPreference(conversation);
    decisions.push({ type: "fallback", conversationId, from: preference });
  }
  const languageAt = languageRelaxAt(conversation, policy);
  if (languageAt !== undefined && languageAt <= now) {
    conversation.relaxedLanguage = true;
    decisions.push({ type: "relax", conversationId, dropped: "language" });
  }
  const skillsAt = skillsRelaxAt(conversation, policy);
  if (skillsAt !== undefined && skillsAt <= now) {
    conversation.relaxedSkills = true;
    decisions.push({ type: "relax", conversationId, dropped: "skills" });
  }
  for (
    let at = escalateAt(conversation, policy);
    at !== undefined && at <= now;
    at = escalateAt(conversation, policy)
  ) {
    const fromTier = conversation.tier;
    const toTier = tierAbove(fromTier);
    if (toTier === undefined) break;
    conversation.tier = toTier;
    // Count the next wait from when this one ran out, so a late tick does not stretch it.
    conversation.tierSince = at;
    decisions.push({ type: "escalate", conversationId, fromTier, toTier, cause: "wait" });
  }
  return decisions;
}
