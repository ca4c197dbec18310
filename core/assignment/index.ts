/**
 * The assignment engine: pure TypeScript that decides which agent gets which conversation.
 * No Cloudflare import, no clock, no randomness: the TeamDO passes the time of each event,
 * so the same events give the same decisions (unit-, property-tested and benchmarked in Node).
 *
 * ## How the TeamDO uses it
 * 1. On wake, load the stored records, build an engine and catch up on time:
 *    `const engine = new AssignmentEngine({ policy, agents, conversations, team, now })`, then
 *    `apply(engine.tick(now))`. Pass open conversations only (queued or assigned).
 * 2. For each event call one method with the event's time (epoch ms). Every method returns
 *    `{ decisions, changed }`: act on `decisions` (tell agents and visitors) and persist
 *    `changed.agents`, `changed.conversations` (one with `state: "closed"` has left the team,
 *    closed or transferred out) and `changed.team` when present. They are copies.
 *    - `conversationArrived(arrival, now)`: verified attributes, skills, language, tier and
 *      the visitor's previous conversation in this team, if any (absent: a new customer).
 *    - `conversationClosed(id, now)`, `presenceChanged(agentId, status, now)`,
 *      `agentUpdated(profile, now)` (adds an agent, offline, or edits limit, skills, languages,
 *      tier, new-customer flag, shift), `agentRemoved(agentId, now)` (delete their row
 *      yourself), `release(conversationId, now, { avoidAgent })` (take a chat from an agent
 *      who did not answer or is gone), `policyChanged(policy, now)`,
 *      `firstResponse(conversationId, now)`, `tick(now)` (the alarm). `presenceChanged` takes
 *      `{ since }` when the absence began earlier (the last connection dropped).
 *    - Agent commands return a `CommandResult`; `ok: false` carries `error.code` and a sentence:
 *      `claim(conversationId, agentId, now)`, `transfer(conversationId, { agentId } | { teamId }, now)`,
 *      `escalate(conversationId, now)`, and `transferIn(arrival, now)` for a conversation coming
 *      from another team (also back to this one: a fresh record; refused when open here already).
 * 3. After each event set the one alarm to `engine.nextWakeAt(now)` (null: no alarm needed).
 * 4. Tell visitors where they stand: `engine.queue()` / `positionOf(id)`,
 *    `estimateWait(position, now)` (seconds, null when nobody serves) and, once assigned,
 *    `expectedReplySeconds(agentId)`. Read state with `agent(id)`, `agents()`,
 *    `conversation(id)`, `openCount(agentId)`, `teamState()`.
 *
 * `now` should not go backwards; an earlier value is treated as the latest time seen.
 * The engine keeps one invariant between events: no waiting conversation has an eligible agent
 * with room (under round robin and least open). So each event that frees capacity or widens
 * eligibility assigns, at once and in queue order, everything it made assignable.
 *
 * ## Rules worth knowing
 * - Tiers match exactly: an L1 conversation goes to L1 agents; escalation moves it to L2.
 * - A dedicated or previous agent is asked for by name: their skills, language and tier do not
 *   matter, their presence, shift and limit do. New-customer agents must also meet requirements.
 * - Round robin: the lowest `roundRobinTurn` among eligible agents with room goes next and moves
 *   to the back; agents skipped (away, full, lacking a skill) keep their turn. Only rotation
 *   picks move turns; dedicated, returning, claimed and transferred chats do not.
 * - Away and offline agents: past `policy.absentAgents` their unanswered (and, offline, all)
 *   chats go back to the queue by themselves; `release` takes one from an agent who did not answer.
 * - A chat handed on from an agent avoids them only while another eligible agent has room,
 *   and for `absentAgents.avoidSeconds` at most: nobody else, and it goes back to them.
 * - Under manual assignment nothing is assigned automatically, but relax, escalation and
 *   fallback waits still run (what the panel shows stays true).
 * - Time passes first: waits that ran out before an event are applied, and assigned, before it.
 *
 * ## Cost of a decision
 * Agents with room are kept in a sorted index in strategy order (round-robin turn, or open
 * count then last assignment). Picking walks that index from the front and stops at the first
 * agent meeting the conversation's tier, language and skills: O(1 + k) checks, k being the
 * agents with room passed over for lacking one (0 without requirements), then O(log n)
 * comparisons (and a memmove of at most n pointers) to re-file the picked agent. A freed seat
 * walks the queue (a FIFO per priority level) from the front to the first conversation that
 * agent fits. Neither scans every agent or conversation unless requirements rule out nearly
 * all of them. Figures: `bench/RESULTS.md`.
 *
 * @example
 * const engine = new AssignmentEngine({ policy: presetPolicy("sales"), agents, conversations: [], now });
 * const { decisions, changed } = engine.conversationArrived({ id: "c1", visitorId: "v1" }, now);
 */
export { AssignmentEngine, type QueueEntry } from "./assignment-engine";
export type { EngineSnapshot } from "./engine-snapshot";
export type { TransferTarget } from "./agent-commands";
export type { ConversationArrival } from "./arrival-rules";
export {
  AssignReason,
  CommandErrorCode,
  UnassignReason,
  isAutomatic,
  type ChangedRecords,
  type CommandError,
  type CommandResult,
  type Decision,
  type EngineResult,
} from "./decisions";
export {
  PreferenceKind,
  emptyTeamState,
  type AgentProfile,
  type AgentRecord,
  type ConversationRecord,
  type TeamState,
  type VerifiedAttributes,
} from "./records";
export { isInShift, nextShiftEdge } from "./shift-clock";
