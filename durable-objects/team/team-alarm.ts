/**
 * The TeamDO's one alarm: set after every event to the earliest thing due, the engine's
 * waits and the team's timers (team-timers.ts) beside the webhook outbox's next retry and
 * the next unsent upload to sweep (file-cleanup.ts).
 * The time last set is remembered in memory, so an event that changes nothing due costs
 * no storage call (a `getAlarm`, or a `deleteAlarm` on an idle team, after every frame was
 * a visible share of the profile); after a wake it is read once.
 */
import type { ReadyTeam } from "./ready-team";
import { nextDueAt } from "./team-timers";
import type { TeamStore } from "./team-store";
import type { TeamWebhooks } from "./team-webhooks";
import type { FileCleanup } from "./file-cleanup";

export class TeamAlarm {
  /** The alarm as set in storage (null: none); undefined until read after a wake. */
  private set: number | null | undefined;

  constructor(
    private readonly storage: DurableObjectStorage,
    private readonly store: TeamStore,
    private readonly hooks: TeamWebhooks,
    private readonly files: FileCleanup,
  ) {}

  /** The alarm just fired: the runtime cleared it. */
  fired(): void {
    this.set = null;
  }

  async schedule(team: ReadyTeam | null, now: number): Promise<void> {
    const config = this.store.config();
    const engineAt = team && config ? nextDueAt(this.store, team.engine, config, now) : null;
    const times = [engineAt, this.hooks.nextDueAt(), this.files.nextDueAt(now)].filter((t) => t !== null);
    const at = times.length === 0 ? null : Math.min(...times);
    if (this.set === undefined) this.set = await this.storage.getAlarm();
    if (this.set === at) return;
    if (at === null) await this.storage.deleteAlarm();
    else await this.storage.setAlarm(at);
    this.set = at;
  }
}
