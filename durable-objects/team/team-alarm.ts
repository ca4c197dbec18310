/**
 * The TeamDO's one alarm: set after every event to the earliest thing due, the engine's
 * waits and the team's timers (team-timers.ts) beside the webhook outbox's next retry.
 */
import type { ReadyTeam } from "./ready-team";
import { nextDueAt } from "./team-timers";
import type { TeamStore } from "./team-store";
import type { TeamWebhooks } from "./team-webhooks";

export class TeamAlarm {
  constructor(
    private readonly storage: DurableObjectStorage,
    private readonly store: TeamStore,
    private readonly hooks: TeamWebhooks,
  ) {}

  async schedule(team: ReadyTeam | null, now: number): Promise<void> {
    const config = this.store.config();
    const engineAt = team && config ? nextDueAt(this.store, team.engine, config, now) : null;
    const hooksAt = this.hooks.nextDueAt();
    const at = engineAt === null ? hooksAt : hooksAt === null ? engineAt : Math.min(engineAt, hooksAt);
    if (at === null) await this.storage.deleteAlarm();
    else if ((await this.storage.getAlarm()) !== at) await this.storage.setAlarm(at);
  }
}
