/**
 * The TeamDO's timers beside the engine's own waits, all on the object's one alarm:
 * - presence grace: an agent whose last socket dropped turns offline after the grace period
 *   (the engine's absence clock, `policy.absentAgents`, then counts from the drop and hands
 *   their chats on by itself);
 * - no answer: an agent who has not replied this long after assignment loses the chat;
 * - business hours: at each opening or closing, waiting visitors get their new status.
 * Each is derived from stored records, so nothing is lost when the object sleeps.
 */
import type { AssignmentEngine } from "../../core/assignment";
import { nextChange } from "../../core/hours";
import type { TeamConfig } from "../../core/team-config";
import type { ReadyTeam } from "./ready-team";
import type { TeamStore } from "./team-store";

export interface DueWork {
  /** Agents whose grace period has ended. */
  goneAgents: string[];
  /** Conversations to take from their agent: [conversationId, reason]. */
  release: [string, "no-answer"][];
}

/** What is due at `now`. */
export function dueWork(
  store: TeamStore,
  engine: AssignmentEngine,
  config: TeamConfig,
  now: number,
): DueWork {
  const graceMs = config.settings.presenceGraceSeconds * 1000;
  const goneAgents = store
    .agents()
    .filter((agent) => agent.goneSince !== null && agent.goneSince + graceMs <= now)
    .map((agent) => agent.id);
  const release: DueWork["release"] = [];
  const noAnswerMs = config.settings.noAnswerSeconds === null ? null : config.settings.noAnswerSeconds * 1000;
  // Without a no-answer timer nothing here can be due: the open chats are not read at all.
  for (const conversation of noAnswerMs === null ? [] : store.conversations.openConversations()) {
    const record = engine.conversation(conversation.id);
    if (
      !record ||
      record.state !== "assigned" ||
      record.agentId === undefined ||
      record.firstResponseAt !== undefined
    )
      continue;
    if (noAnswerMs !== null && record.assignedAt !== undefined && record.assignedAt + noAnswerMs <= now) {
      release.push([record.id, "no-answer"]);
    }
  }
  return { goneAgents, release };
}

/**
 * What the engine and the config make due, and until when that answer holds: the engine's
 * waits, the no-answer timer and, while anyone waits, the hours' next edge. It depends only
 * on the engine's state (its `revision`), the config and, through the hours, on `now`: the
 * same answer holds until the edge it found (`holdsUntil`), so the alarm keeps it between
 * events that change neither (`TeamAlarm`). `at` may be before `now`: the caller clamps.
 */
export interface EngineDue {
  at: number | null;
  holdsUntil: number;
}

export function engineDueAt(engine: AssignmentEngine, config: TeamConfig, now: number): EngineDue {
  const times: number[] = [];
  const engineWake = engine.nextWakeAt(now);
  if (engineWake !== null) times.push(engineWake);
  if (config.settings.noAnswerSeconds !== null) {
    const assignedAt = engine.earliestUnansweredAssignment();
    if (assignedAt !== null) times.push(assignedAt + config.settings.noAnswerSeconds * 1000);
  }
  let holdsUntil = Number.POSITIVE_INFINITY;
  if (config.hours && engine.queueLength() > 0) {
    // The next edge after `now`: the same one for any later time before it.
    const edge = nextChange(config.hours, now);
    if (edge !== null) times.push((holdsUntil = edge));
  }
  return { at: times.length === 0 ? null : Math.min(...times), holdsUntil };
}

/**
 * The earliest time anything above or in the engine falls due, or null (the engine's part
 * as `engineDueAt` answers it, or `engineDue` when the caller kept that answer).
 */
export function nextDueAt(
  store: TeamStore,
  engine: AssignmentEngine,
  config: TeamConfig,
  now: number,
  engineDue: EngineDue = engineDueAt(engine, config, now),
): number | null {
  const times: number[] = [];
  if (engineDue.at !== null) times.push(engineDue.at);
  const goneSince = store.earliestGoneSince();
  if (goneSince !== null) times.push(goneSince + config.settings.presenceGraceSeconds * 1000);
  return times.length === 0 ? null : Math.max(now, Math.min(...times));
}

/** Runs what is due at `now` (the alarm): the engine's waits first, then the timers above. */
export function runDue(team: ReadyTeam, now: number): void {
  const { engine, config, store, out } = team;
  team.apply(engine.tick(now), now);
  const due = dueWork(store, engine, config, now);
  for (const agentId of due.goneAgents) {
    // The engine's absence clock counts from the drop, not from the end of the grace.
    const since = store.agent(agentId)?.goneSince ?? now;
    store.setGoneSince(agentId, null);
    team.apply(engine.presenceChanged(agentId, "offline", now, { since }), now);
    out.agent(engine, agentId);
  }
  for (const [conversationId] of due.release)
    team.apply(engine.release(conversationId, now, { avoidAgent: true }), now);
  out.positions(engine, now);
}
