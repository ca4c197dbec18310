/**
 * The team's agents as the engine sees them: records plus derived state (skill sets, open
 * count, inside shift), and the index of agents who can take a conversation right now
 * (serving and with room) ordered by the team's strategy. Also keeps the team's serving
 * and free seat totals for wait estimates.
 */
import { AssignmentStrategy, type TeamPolicy } from "../../protocol/team-policy";
import type { AgentRecord } from "./records";
import { SortedList } from "./sorted-list";

export class AgentState {
  skills: ReadonlySet<string>;
  languages: ReadonlySet<string>;
  /** Conversations assigned to this agent now. */
  open = 0;
  inShift = true;
  /** In the pool's index of agents who can take a conversation now. */
  listed = false;
  /** Away or offline past `absentAgents.unansweredAfterSeconds`: serves nobody until back online. */
  absentTooLong = false;

  constructor(public record: AgentRecord) {
    this.skills = new Set(record.skills);
    this.languages = new Set(record.languages);
  }

  get id(): string {
    return this.record.id;
  }

  /** Replaces the record (profile change), keeping derived sets in step. */
  setRecord(record: AgentRecord): void {
    this.record = record;
    this.skills = new Set(record.skills);
    this.languages = new Set(record.languages);
  }
}

function byId(a: AgentState, b: AgentState): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Round robin: the lowest turn goes next; a picked agent gets a new turn at the back. */
function byRoundRobinTurn(a: AgentState, b: AgentState): number {
  return a.record.roundRobinTurn - b.record.roundRobinTurn || byId(a, b);
}

/** Least open: fewest open, then longest since the last assignment (never assigned first). */
function byLeastOpen(a: AgentState, b: AgentState): number {
  if (a.open !== b.open) return a.open - b.open;
  const aLast = a.record.lastAssignedAt ?? Number.NEGATIVE_INFINITY;
  const bLast = b.record.lastAssignedAt ?? Number.NEGATIVE_INFINITY;
  if (aLast !== bLast) return aLast < bLast ? -1 : 1;
  return byId(a, b);
}

export class AgentPool {
  private readonly agents = new Map<string, AgentState>();
  private available: SortedList<AgentState>;
  /** Sum of limits of serving agents. */
  private servingSeats = 0;
  /** Sum of free seats of serving agents. */
  private freeSeats = 0;

  constructor(private policy: TeamPolicy) {
    this.available = new SortedList(
      policy.strategy === AssignmentStrategy.leastOpen ? byLeastOpen : byRoundRobinTurn,
    );
  }

  get(agentId: string): AgentState | undefined {
    return this.agents.get(agentId);
  }

  all(): IterableIterator<AgentState> {
    return this.agents.values();
  }

  /** Agents who can take a conversation now, in strategy order. Do not change agents while iterating. */
  availableInOrder(): readonly AgentState[] {
    return this.available.values();
  }

  get availableCount(): number {
    return this.available.size;
  }

  seats(): { serving: number; free: number } {
    return { serving: this.servingSeats, free: this.freeSeats };
  }

  add(agent: AgentState): void {
    this.agents.set(agent.id, agent);
    this.attach(agent);
  }

  delete(agent: AgentState): void {
    this.detach(agent);
    this.agents.delete(agent.id);
  }

  limitOf(agent: AgentState): number {
    return agent.record.limit ?? this.policy.defaultLimit;
  }

  /**
   * Present, inside shift, and online (or away when the policy allows, until their away time
   * hands their chats on). Offline never serves.
   */
  isServing(agent: AgentState): boolean {
    const status = agent.record.status;
    const present =
      status === "online" || (status === "away" && !this.policy.onlineOnly && !agent.absentTooLong);
    return present && agent.inShift;
  }

  hasRoom(agent: AgentState): boolean {
    return agent.open < this.limitOf(agent);
  }

  /**
   * Changes an agent through `mutate` and re-files them; every change to a field the
   * ordering, availability or seat totals read must go through here.
   */
  update(agent: AgentState, mutate: () => void): void {
    this.detach(agent);
    mutate();
    this.attach(agent);
  }

  /** A new policy may change the order, limits and who counts as serving. */
  setPolicy(policy: TeamPolicy): void {
    for (const agent of this.agents.values()) this.detach(agent);
    this.policy = policy;
    this.available = new SortedList(
      policy.strategy === AssignmentStrategy.leastOpen ? byLeastOpen : byRoundRobinTurn,
    );
    for (const agent of this.agents.values()) this.attach(agent);
  }

  private attach(agent: AgentState): void {
    if (!this.agents.has(agent.id) || !this.isServing(agent)) return;
    const limit = this.limitOf(agent);
    this.servingSeats += limit;
    this.freeSeats += Math.max(0, limit - agent.open);
    if (agent.open < limit) {
      this.available.insert(agent);
      agent.listed = true;
    }
  }

  private detach(agent: AgentState): void {
    if (!this.agents.has(agent.id) || !this.isServing(agent)) return;
    const limit = this.limitOf(agent);
    this.servingSeats -= limit;
    this.freeSeats -= Math.max(0, limit - agent.open);
    if (agent.listed) {
      this.available.remove(agent);
      agent.listed = false;
    }
  }
}
