/**
 * The team's CSAT figures for one UTC day, from the ratings given that day: how many, the
 * mean score overall, per agent (the agent who had the conversation) and per UTC hour the
 * rating came in. Pure; the TeamDO's `stats` answer (the lead's team view) carries them.
 */
import type { CsatRating, CsatStats } from "../../protocol";

const HOUR_MS = 3_600_000;

/** A mean to one decimal; null for none. */
const mean = (sum: number, count: number): number | null =>
  count === 0 ? null : Math.round((sum / count) * 10) / 10;

export function csatFigures(
  ratings: readonly Pick<CsatRating, "score" | "agentId" | "at">[],
  dayStart: number,
  agentName: (agentId: string) => string,
): CsatStats {
  const hourSums = Array.from({ length: 24 }, () => 0);
  const ratingsByHour = Array.from({ length: 24 }, () => 0);
  const agents = new Map<string, { sum: number; count: number }>();
  let sum = 0;
  let count = 0;
  for (const rating of ratings) {
    if (rating.at < dayStart || rating.at >= dayStart + 24 * HOUR_MS) continue;
    sum += rating.score;
    count++;
    const hour = Math.floor((rating.at - dayStart) / HOUR_MS);
    hourSums[hour]! += rating.score;
    ratingsByHour[hour]!++;
    if (rating.agentId) {
      const agent = agents.get(rating.agentId) ?? { sum: 0, count: 0 };
      agent.sum += rating.score;
      agent.count++;
      agents.set(rating.agentId, agent);
    }
  }
  return {
    ratings: count,
    average: mean(sum, count),
    byAgent: [...agents]
      .map(([agentId, agent]) => ({
        agentId,
        name: agentName(agentId),
        ratings: agent.count,
        average: mean(agent.sum, agent.count),
      }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    averageByHour: hourSums.map((hourSum, hour) => mean(hourSum, ratingsByHour[hour]!)),
    ratingsByHour,
  };
}
