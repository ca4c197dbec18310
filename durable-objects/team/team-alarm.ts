/**
 * The TeamDO's one alarm: set after every event to the earliest thing due, the engine's
 * waits and the team's timers (team-timers.ts) beside the webhook outbox's next retry and
 * the next unsent upload to sweep (file-cleanup.ts).
 * The time last set is remembered in memory, so an event that changes nothing due costs
 * no storage call (a `getAlarm`, or a `deleteAlarm` on an idle team, after every frame was
 * a visible share of the profile); after a wake it is read once. So is what the engine and
 * the config make due (`engineDueAt`: a walk of the open conversations, and the hours' next
 * edge, ~20 µs, while anyone waits): kept until the engine's revision or the config changes
 * or the edge passes, so a chat message, which changes neither, does not compute it again.
 */
import type { AssignmentEngine } from "../../core/assignment";
import type { TeamConfig } from "../../core/team-config";
import type { ReadyTeam } from "./ready-team";
import { engineDueAt, nextDueAt, type EngineDue } from "./team-timers";
import type { TeamStore } from "./team-store";
import type { TeamWebhooks } from "./team-webhooks";
import type { FileCleanup } from "./file-cleanup";

export class TeamAlarm {
  /** The alarm as set in storage (null: none); undefined until read after a wake. */
  private set: number | null | undefined;
  /** The last `engineDueAt` answer and what it was computed from. */
  private kept: { engine: AssignmentEngine; revision: number; config: TeamConfig; due: EngineDue } | null =
    null;

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

  /** The earliest time anything is due: what the alarm is set to. */
  dueAt(team: ReadyTeam | null, now: number): number | null {
    const config = this.store.config();
    const engineAt =
      team && config
        ? nextDueAt(this.store, team.engine, config, now, this.engineDue(team.engine, config, now))
        : null;
    const times = [engineAt, this.hooks.nextDueAt(), this.files.nextDueAt(now)].filter((t) => t !== null);
    return times.length === 0 ? null : Math.min(...times);
  }

  private engineDue(engine: AssignmentEngine, config: TeamConfig, now: number): EngineDue {
    const kept = this.kept;
    if (
      kept &&
      kept.engine === engine &&
      kept.revision === engine.revision &&
      kept.config === config &&
      now < kept.due.holdsUntil
    )
      return kept.due;
    const due = engineDueAt(engine, config, now);
    this.kept = { engine, revision: engine.revision, config, due };
    return due;
  }

  async schedule(team: ReadyTeam | null, now: number): Promise<void> {
    const at = this.dueAt(team, now);
    if (this.set === undefined) this.set = await this.storage.getAlarm();
    if (this.set === at) return;
    if (at === null) await this.storage.deleteAlarm();
    else await this.storage.setAlarm(at);
    this.set = at;
  }
}
