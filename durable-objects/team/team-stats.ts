/**
 * The team's figures for today (UTC): queue length and longest wait now, median wait to
 * assignment, median first response, chats handled in all and per hour, and the day's
 * satisfaction ratings (CSAT) overall, per agent and per hour. Read from stored
 * records on request (a lead's team view), so nothing extra is written per message.
 */
import type { AgentFrameOut } from "../../protocol";
import type { AssignmentEngine } from "../../core/assignment";
import { csatFigures } from "../../core/csat";
import type { TeamStore } from "./team-store";

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

export function teamStats(
  store: TeamStore,
  engine: AssignmentEngine,
  teamId: string,
  now: number,
): Extract<AgentFrameOut, { type: "stats" }> {
  const dayStart = Math.floor(now / DAY_MS) * DAY_MS;
  const waits: number[] = [];
  const firstResponses: number[] = [];
  const handledByHour = Array.from({ length: 24 }, () => 0);
  let handled = 0;
  for (const { record } of store.conversations.conversationsTouchedSince(dayStart)) {
    if (record.assignedAt !== undefined && record.assignedAt >= dayStart)
      waits.push(record.assignedAt - record.queuedAt);
    if (
      record.firstResponseAt !== undefined &&
      record.assignedAt !== undefined &&
      record.firstResponseAt >= dayStart
    ) {
      firstResponses.push(record.firstResponseAt - record.assignedAt);
    }
    if (
      record.state === "closed" &&
      record.closedAt !== undefined &&
      record.closedAt >= dayStart &&
      record.transferredToTeamId === undefined
    ) {
      handled++;
      handledByHour[Math.min(23, Math.floor((record.closedAt - dayStart) / HOUR_MS))]!++;
    }
  }
  const queue = engine.queue();
  const oldest = queue.reduce((min, entry) => Math.min(min, entry.conversation.queuedAt), now);
  return {
    type: "stats",
    teamId,
    at: now,
    queueLength: queue.length,
    longestWaitSeconds: Math.round((now - oldest) / 1000),
    medianWaitSeconds: medianSeconds(waits),
    medianFirstResponseSeconds: medianSeconds(firstResponses),
    handled,
    handledByHour,
    csat: csatFigures(
      store.csat.since(dayStart),
      dayStart,
      (agentId) => store.agent(agentId)?.name ?? agentId,
    ),
  };
}

function medianSeconds(valuesMs: number[]): number | null {
  if (valuesMs.length === 0) return null;
  const sorted = [...valuesMs].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return Math.max(0, Math.round(median / 1000));
}
