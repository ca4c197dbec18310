/**
 * The open-loop load of a run's measured window (`Run.window` in scenario.ts): `rate` chat
 * messages a second over random assigned conversations (a visitor or their agent writes),
 * `arrivals` a second of visitors who close their chat and start a new one, and in the queue
 * team an agent closing a chat every `queueCloseMs`, so every waiting visitor moves up one
 * place (each is marked stale then, to time its new position). Counts what it did.
 */
import type { AgentSim } from "./agent-sim";
import type { BenchSite } from "./bench-site";
import { Pacer } from "./pacer";
import type { ScenarioOptions } from "./scenario-options";
import type { VisitorSim } from "./visitor-sim";

/** What the load reads of its run. */
export interface LoadedRun {
  readonly visitors: readonly VisitorSim[];
  readonly agents: readonly AgentSim[];
  readonly site: BenchSite;
  /** Conversation -> the agent it is assigned to now. */
  readonly agentOf: ReadonlyMap<string, AgentSim>;
  /** Queued visitors whose position should move up, since when. */
  readonly stale: Map<VisitorSim, { since: number; position: number }>;
}

export class WindowLoad {
  sentByVisitors = 0;
  sentByAgents = 0;
  /** Message ticks that found no assigned conversation. */
  skipped = 0;
  arrivalsStarted = 0;
  closes = 0;
  readonly #pacers: Pacer[];

  constructor(run: LoadedRun, o: ScenarioOptions) {
    const main = run.visitors.filter((v) => !v.options.queued);
    const queueAgents = run.agents.filter((a) => a.options.teamId === run.site.queue?.id);
    const messages = new Pacer(o.rate, () => {
      for (let attempt = 0; attempt < 20; attempt++) {
        const visitor = main[Math.floor(Math.random() * main.length)]!;
        const conversationId = visitor.conversationId;
        if (visitor.state !== "assigned" || conversationId === null) continue;
        if (Math.random() < o.visitorShare) {
          visitor.say();
          this.sentByVisitors++;
          return;
        }
        const agent = run.agentOf.get(conversationId);
        if (!agent?.inbox.has(conversationId)) continue;
        agent.say(conversationId);
        this.sentByAgents++;
        return;
      }
      this.skipped++;
    });
    const arrivals = new Pacer(o.arrivals, () => {
      for (let attempt = 0; attempt < 50; attempt++) {
        const visitor = main[Math.floor(Math.random() * main.length)]!;
        if (
          !visitor.ready ||
          visitor.state !== "assigned" ||
          visitor.pending.size > 0 ||
          visitor.firstMessageAt !== null
        )
          continue;
        visitor.startOver();
        this.arrivalsStarted++;
        return;
      }
    });
    const queueCloser = new Pacer(queueAgents.length > 0 ? 1000 / o.queueCloseMs : 0, () => {
      const agent = queueAgents[this.closes % queueAgents.length]!;
      const conversationId = agent.inbox.keys().next().value;
      if (!agent.ready || conversationId === undefined) return;
      this.closes++;
      const now = performance.now();
      for (const visitor of run.visitors) {
        if (
          visitor.options.queued &&
          visitor.ready &&
          visitor.state === "queued" &&
          visitor.position !== null &&
          visitor.position >= 2 &&
          !run.stale.has(visitor)
        ) {
          run.stale.set(visitor, { since: now, position: visitor.position });
        }
      }
      agent.close(conversationId);
    });
    this.#pacers = [messages, arrivals, queueCloser];
  }

  start(): void {
    for (const pacer of this.#pacers) pacer.start();
  }

  stop(): void {
    for (const pacer of this.#pacers) pacer.stop();
  }
}
