/**
 * What every TeamDO handler is given: the team once it is ready (configured, its engine
 * rebuilt from storage and caught up), with its parts named. Handlers read through `views`,
 * send through `out`, store through `store`, and hand every engine result to `apply`, which
 * persists it before anyone is told. Nothing here is lazy: getting a part never acts.
 */
import type { AssignmentEngine, EngineResult } from "../../core/assignment";
import type { EngineHost } from "./engine-host";
import { recordDecisionEvents } from "./webhook-decisions";
import type { TeamConfig } from "../../core/team-config";
import type { TeamBroadcasts } from "./team-broadcasts";
import type { HistoryStore } from "./history-store";
import type { TeamHandovers } from "./team-handovers";
import type { TeamLinks } from "./team-links";
import type { TeamStore } from "./team-store";
import type { TeamViews } from "./team-views";
import type { TeamWebhooks } from "./team-webhooks";
import type { VisitorText } from "./visitor-text";

export interface ReadyTeam {
  readonly config: TeamConfig;
  readonly engine: AssignmentEngine;
  readonly store: TeamStore;
  /** Closed conversations and the search index, written as a conversation closes. */
  readonly history: HistoryStore;
  readonly text: VisitorText;
  readonly views: TeamViews;
  readonly out: TeamBroadcasts;
  readonly links: TeamLinks;
  /** Chats handed on from absent agents, told to them once back. */
  readonly handovers: TeamHandovers;
  /** The webhook outbox: events are recorded in the same step as the change they report. */
  readonly hooks: TeamWebhooks;
  /** Persists an engine result, then announces it. */
  apply(result: EngineResult, now: number): void;
}

/** The team's parts that do not change between events (the object holds them). */
export type TeamParts = Omit<ReadyTeam, "config" | "engine" | "apply">;

/** The ready team for one event: `apply` persists and announces through `host`, then records webhooks. */
export function readyTeam(
  parts: TeamParts,
  host: EngineHost,
  engine: AssignmentEngine,
  config: TeamConfig,
): ReadyTeam {
  return {
    ...parts,
    config,
    engine,
    apply: (result, at) => {
      host.apply(engine, result, at);
      recordDecisionEvents(parts.hooks, config, parts.store, result, at);
    },
  };
}
