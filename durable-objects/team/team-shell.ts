/**
 * What the TeamDO's RPC and socket modules are given: the object's state and its parts, the
 * "ensure ready" step and the alarm's rescheduling. The object builds one at construction;
 * the modules (roster-rpc, content-rpc, visitor-rpc, webhook-rpc, socket-entry) hold no state.
 */
import type { ReadyTeam } from "./ready-team";
import type { HistoryStore } from "./history-store";
import type { TeamBroadcasts } from "./team-broadcasts";
import type { TeamStore } from "./team-store";
import type { TeamWebhooks } from "./team-webhooks";

export interface TeamShell {
  readonly ctx: DurableObjectState;
  readonly store: TeamStore;
  readonly historyStore: HistoryStore;
  readonly hooks: TeamWebhooks;
  readonly out: TeamBroadcasts;
  /** The one "ensure ready" step: the engine rebuilt once per wake; null until configured. */
  ensureReady(now: number): ReadyTeam | null;
  /** Sets the one alarm to the earliest thing due (after every event). */
  scheduleAlarm(team: ReadyTeam | null, now: number): Promise<void>;
}
