/**
 * Draining: after any event, assign every waiting conversation that can be assigned, in
 * queue order, at once. The invariant kept between events is "no waiting conversation has an
 * eligible agent with room", so an event only needs to look at what it changed:
 * - one agent gained room or eligibility: walk the queue in order, give them what they fit;
 * - some conversations gained eligibility: pick an agent for each, in queue order;
 * - anything broader: walk the whole queue, remembering requirement signatures that found
 *   nobody (seats only fill up during a drain, so they will find nobody later either).
 */
import { AssignmentStrategy } from "../../protocol/team-policy";
import type { AgentState } from "./agent-pool";
import { compareQueueOrder } from "./conversation-queue";
import { isAvoided, isEligible, requirementSignature } from "./eligibility";
import type { DrainScope, EngineState } from "./engine-state";
import type { ConversationRecord } from "./records";

/** The agent the strategy picks for a waiting conversation now, if any can take it. */
export function pickAgent(state: EngineState, conversation: ConversationRecord): AgentState | undefined {
  if (conversation.preferredAgentId !== undefined) {
    const preferred = state.pool.get(conversation.preferredAgentId);
    return preferred?.listed && isEligible(preferred, conversation) ? preferred : undefined;
  }
  // Agents with room, in strategy order (lowest round-robin turn, or fewest open). The agent
  // it was handed on from goes last, but still gets it when nobody else can take it.
  let avoided: AgentState | undefined;
  for (const agent of state.pool.availableInOrder()) {
    if (!isEligible(agent, conversation)) continue;
    if (avoided === undefined && isAvoided(agent.id, conversation, state.policy, state.now)) avoided = agent;
    else return agent;
  }
  return avoided;
}

/** Assigns the conversation now if the strategy is automatic and someone can take it. */
export function assignIfPossible(state: EngineState, conversation: ConversationRecord): boolean {
  return state.policy.strategy !== AssignmentStrategy.manual && tryAssign(state, conversation);
}

function tryAssign(state: EngineState, conversation: ConversationRecord): boolean {
  const agent = pickAgent(state, conversation);
  if (!agent) return false;
  state.assign(conversation, agent, state.automaticReason(conversation));
  return true;
}

/** Gives one agent the earliest waiting conversations they may take, until they are full. */
function drainForAgent(state: EngineState, agent: AgentState): void {
  if (!agent.listed) return;
  for (const conversation of state.queue.inOrder()) {
    if (!isEligible(agent, conversation)) continue;
    // Someone else with room goes first for a chat handed on from this agent.
    const taker = isAvoided(agent.id, conversation, state.policy, state.now)
      ? (pickAgent(state, conversation) ?? agent)
      : agent;
    state.assign(conversation, taker, state.automaticReason(conversation));
    if (!agent.listed) return;
  }
}

function drainConversations(state: EngineState, conversations: Iterable<ConversationRecord>): void {
  const waiting = [...conversations].filter((conversation) => state.queue.has(conversation.id));
  waiting.sort(compareQueueOrder);
  for (const conversation of waiting) tryAssign(state, conversation);
}

function drainWholeQueue(state: EngineState): void {
  const nobodyFor = new Set<string>();
  for (const conversation of state.queue.inOrder()) {
    if (state.pool.availableCount === 0) return;
    if (conversation.preferredAgentId !== undefined) {
      tryAssign(state, conversation);
      continue;
    }
    // Signatures are only worth building once some kind of conversation has found nobody.
    if (nobodyFor.size > 0 && nobodyFor.has(requirementSignature(conversation))) continue;
    if (!tryAssign(state, conversation)) nobodyFor.add(requirementSignature(conversation));
  }
}

/** Assigns whatever the changes in `scope` made assignable. Manual teams only ever claim. */
export function drain(state: EngineState, scope: DrainScope): void {
  if (state.policy.strategy === AssignmentStrategy.manual || state.queue.size === 0) return;
  const { agents, conversations } = scope;
  if (scope.everything || (agents.size > 0 && conversations.size > 0) || agents.size > 1) {
    drainWholeQueue(state);
  } else if (agents.size === 1) {
    for (const agent of agents) drainForAgent(state, agent);
  } else if (conversations.size > 0) {
    drainConversations(state, conversations);
  }
}
