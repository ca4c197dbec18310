/**
 * The load that `bench:load` and `bench:fault` drive, end to end:
 *
 * 1. start `wrangler dev` with fresh storage; apply the bench site (support teams with seats
 *    for everyone, a small queue team) through the admin API; issue agent tokens;
 * 2. connect the agents (online) and then every visitor (session + socket + hello), reading
 *    the runtime's memory before and after the visitors' sockets;
 * 3. warm-up: every visitor writes a first message (paced), so each has a conversation and
 *    every support conversation gets its agent;
 * 4. the measured window, open loop: `rate` chat messages a second over random assigned
 *    conversations (a visitor or their agent writes), `arrivals` a second of visitors who
 *    close their chat and start a new one (timed to its `assigned`), and in the queue team an
 *    agent closing a chat every `queueCloseMs` so every waiting visitor moves up one place;
 * 5. drain (every message acked), fresh snapshots of every agent, then the audit.
 */
import { AgentSim } from "./agent-sim";
import { auditRun, type AuditCounts, type AuditedRun } from "./run-audit";
import { applyBenchSite, benchSite, type BenchSite } from "./bench-site";
import { Ledger } from "./ledger";
import { loadLine, machineLine } from "./machine";
import { Pacer, pool, sleep, waitFor } from "./pacer";
import { BenchRuntime } from "./runtime";
import { RuntimeMeter, saveProfile, startProfiler } from "./runtime-meter";
import type { Hub } from "./sim-client";
import { Samples } from "./stats";
import { VisitorSim } from "./visitor-sim";
import type { ConversationSummary, VisitorFrameOut } from "../../protocol";
import type { ScenarioOptions } from "./scenario-options";
import { WindowLoad, type LoadedRun } from "./window-load";

export { DEFAULT_LOAD, type ScenarioOptions } from "./scenario-options";

export class Run implements Hub, LoadedRun, AuditedRun {
  readonly runtime = new BenchRuntime();
  readonly ledger = new Ledger();
  site!: BenchSite;
  readonly visitors: VisitorSim[] = [];
  readonly agents: AgentSim[] = [];
  private readonly byVisitorId = new Map<string, VisitorSim>();
  /** Conversation -> the agents that ever had it assigned (more than one is a double assignment here). */
  readonly heldBy = new Map<string, Set<string>>();
  /** Conversation -> the agent it is assigned to now. */
  readonly agentOf = new Map<string, AgentSim>();
  assign = new Samples();
  readonly assignWarmup = new Samples();
  queueWait = new Samples();
  positionDelay = new Samples();
  readonly outages = new Samples();
  private readonly frames = new Map<string, { count: number; bytes: number }>();
  /** Queued visitors whose position should move up, since when (a seat was freed). */
  readonly stale = new Map<VisitorSim, { since: number; position: number }>();
  /** Failed connection attempts (session or socket) by kind of failure. */
  readonly connectErrors = new Map<string, number>();
  private live = true;
  private inWindow = false;
  /** performance.now() when the measured window began. */
  windowStartedAt = 0;
  /** Runtime workerd CPU ms per chat message sent in the last window (NaN across a restart). */
  cpuMsPerMessage = Number.NaN;
  /** Share of one core the runtime workerd used in the last window. */
  runtimeCore = Number.NaN;
  /** Messages a second the load generator really sent in the last window. */
  sentRate = Number.NaN;
  readonly lines: string[] = [];

  constructor(readonly options: ScenarioOptions) {}

  /** `log`, bound, for helpers that write to the run's log. */
  readonly logger = (line: string): void => this.log(line);

  log(line: string): void {
    this.lines.push(line);
    console.log(line);
  }

  // ---- Hub ----

  /** Where clients connect: wrangler's port, or with `direct` the runtime's own. */
  private clientOrigin = "";

  origin(): string {
    return this.clientOrigin;
  }

  private async startRuntime(): Promise<number> {
    const ms = await this.runtime.start();
    this.clientOrigin = this.options.direct ? await this.runtime.directOrigin() : this.runtime.origin;
    return ms;
  }

  /** SIGKILL to the runtime's process group, then the same command again (same port, same storage). */
  async killAndRestart(): Promise<number> {
    await this.runtime.kill();
    return this.startRuntime();
  }

  reconnecting(): boolean {
    return this.live;
  }

  frame(type: string, bytes: number): void {
    const entry = this.frames.get(type) ?? { count: 0, bytes: 0 };
    entry.count++;
    entry.bytes += bytes;
    this.frames.set(type, entry);
  }

  outage(value: number): void {
    this.outages.add(value);
  }

  connectError(who: string, error: unknown): void {
    const message =
      error instanceof Error
        ? error.cause instanceof Error
          ? error.cause.message
          : error.message
        : String(error);
    const kind = `${who}: ${message
      .replace(/https?:\/\/\S+/g, "URL")
      .replace(/127\.0\.0\.1:\d+/g, "ADDR")
      .slice(0, 120)}`;
    this.connectErrors.set(kind, (this.connectErrors.get(kind) ?? 0) + 1);
  }

  assigned(agent: AgentSim, conversation: ConversationSummary, now: number): void {
    this.hold(conversation.id, agent);
    const visitor = this.byVisitorId.get(conversation.visitorId);
    if (!visitor || visitor.firstMessageAt === null) return;
    const waited = now - visitor.firstMessageAt;
    visitor.firstMessageAt = null;
    if (visitor.options.queued) this.queueWait.add(waited);
    else (this.inWindow ? this.assign : this.assignWarmup).add(waited);
  }

  private hold(conversationId: string, agent: AgentSim): void {
    const holders = this.heldBy.get(conversationId) ?? new Set<string>();
    holders.add(agent.options.agentId);
    this.heldBy.set(conversationId, holders);
    this.agentOf.set(conversationId, agent);
  }

  status(visitor: VisitorSim, frame: Extract<VisitorFrameOut, { type: "status" }>, now: number): void {
    if (!visitor.options.queued) return;
    const stale = this.stale.get(visitor);
    if (
      stale &&
      (frame.state !== "queued" || (frame.position !== undefined && frame.position < stale.position))
    ) {
      if (frame.state === "queued") this.positionDelay.add(now - stale.since);
      this.stale.delete(visitor);
    }
    // A waiting visitor whose chat an agent closed joins the queue again at its end.
    if (frame.state === "closed" && this.live)
      setTimeout(() => visitor.ready && visitor.startConversation(), 200);
  }

  // ---- phases ----

  async setUp(): Promise<void> {
    const o = this.options;
    this.log(`machine: ${machineLine()}`);
    const startMs = await this.startRuntime();
    this.log(
      `runtime: wrangler dev on ${this.runtime.origin} (started in ${(startMs / 1000).toFixed(1)} s), storage ${this.runtime.persistTo}; ` +
        (o.direct
          ? `clients connect to the runtime workerd directly (${this.clientOrigin}), not through wrangler's proxy`
          : "clients connect through wrangler's port"),
    );
    this.site = benchSite({
      teams: o.teams,
      agents: o.agents - o.queueAgents,
      visitors: o.visitors - o.queueVisitors,
      queueAgents: o.queueAgents,
      queueVisitors: o.queueVisitors,
      queueLimit: o.queueLimit,
      presenceGraceSeconds: 30,
    });
    const tokens = await applyBenchSite(this.runtime.origin, this.runtime.adminToken, this.site);
    for (const team of [...this.site.teams, ...(this.site.queue ? [this.site.queue] : [])]) {
      for (const agentId of team.agentIds)
        this.agents.push(new AgentSim(this, { agentId, teamId: team.id, token: tokens.get(agentId)! }));
    }
    const mainVisitors = o.visitors - o.queueVisitors;
    for (let index = 0; index < o.visitors; index++) {
      const queued = index >= mainVisitors;
      const team = queued ? this.site.queue! : this.site.teams[index % this.site.teams.length]!;
      this.visitors.push(new VisitorSim(this, { index, teamId: team.id, page: team.page, queued }));
    }
    this.log(
      `site: ${this.site.teams.length} support team(s) (high-touch, ${this.site.limit} seats per agent, ${o.agents - o.queueAgents} agents, ${mainVisitors} visitors)` +
        (this.site.queue
          ? ` + queue team (${o.queueAgents} agents x ${o.queueLimit} seats, ${o.queueVisitors} visitors)`
          : ""),
    );
  }

  async connect(): Promise<number> {
    const o = this.options;
    let started = performance.now();
    await pool(this.agents, 10, (agent) => agent.connect());
    await sleep(1000);
    this.log(
      `agents: ${this.agents.length} connected and online in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    await sleep(1000);
    const rssBefore = this.runtime.runtimeRssMb();
    const proxyBefore = this.proxyRss();
    const profiler = o.profile ? await startProfiler(this.runtime, this.logger) : null;
    const cpuBefore = this.runtime.cpuSeconds().runtime;
    started = performance.now();
    await pool(this.visitors, o.connectConcurrency, async (visitor) => {
      await visitor.connect();
      this.byVisitorId.set(visitor.visitorId, visitor);
    });
    const seconds = (performance.now() - started) / 1000;
    const cpuMs = (this.runtime.cpuSeconds().runtime - cpuBefore) * 1000;
    if (profiler) saveProfile("visitors connecting", await profiler.stop(), this.logger);
    await sleep(2000);
    const rssAfter = this.runtime.runtimeRssMb();
    const perK = ((rssAfter - rssBefore) / this.visitors.length) * 1000;
    this.log(
      `visitors: ${this.visitors.length} sessions + sockets opened in ${seconds.toFixed(1)} s (${(this.visitors.length / seconds).toFixed(0)}/s, ${o.connectConcurrency} at a time); ` +
        `runtime workerd CPU ${(cpuMs / this.visitors.length).toFixed(2)} ms per connect; load average ${loadLine()}`,
    );
    this.log(
      `memory: runtime workerd RSS ${rssBefore.toFixed(0)} MB with the agents -> ${rssAfter.toFixed(0)} MB with ${this.visitors.length} more sockets: ` +
        `${perK.toFixed(1)} MB per 1,000 sockets (wrangler's proxy workerd: ${proxyBefore.toFixed(0)} -> ${this.proxyRss().toFixed(0)} MB)`,
    );
    return perK;
  }

  /**
   * What a crash's reconnects cost the runtime, without the crash (warm objects): every
   * visitor's socket dropped at once (client side, as a dead runtime drops them), then every
   * visitor back as the widget comes back (a session with its token, the socket, `hello
   * {lastSeq}` in its open conversation), `connectConcurrency` at a time. Logs the runtime's
   * CPU per reconnect and, with `--profile`, the phase's profile.
   */
  async reconnectAll(): Promise<void> {
    const o = this.options;
    for (const visitor of this.visitors) visitor.drop();
    await sleep(2000);
    const profiler = o.profile ? await startProfiler(this.runtime, this.logger) : null;
    const cpuBefore = this.runtime.cpuSeconds().runtime;
    const resumedBefore = this.visitors.reduce((sum, v) => sum + v.resumesOpened, 0);
    const started = performance.now();
    await pool(this.visitors, o.connectConcurrency, (visitor) => visitor.connect());
    const resumed = this.visitors.reduce((sum, v) => sum + v.resumesOpened, 0) - resumedBefore;
    const seconds = (performance.now() - started) / 1000;
    const cpuMs = (this.runtime.cpuSeconds().runtime - cpuBefore) * 1000;
    if (profiler) saveProfile("visitors reconnecting", await profiler.stop(), this.logger);
    this.log(
      `reconnect: ${this.visitors.length} visitors back (${resumed} on their resume ticket, the rest by a session with their token; then socket + hello) in ${seconds.toFixed(1)} s (${(this.visitors.length / seconds).toFixed(0)}/s, ${o.connectConcurrency} at a time); ` +
        `runtime workerd CPU ${(cpuMs / this.visitors.length).toFixed(2)} ms per reconnect; load average ${loadLine()}`,
    );
    await sleep(1000);
  }

  private proxyRss(): number {
    return this.runtime
      .memory()
      .filter((p) => p.role === "proxy")
      .reduce((sum, p) => sum + p.rssMb, 0);
  }

  async warmUp(): Promise<void> {
    const started = performance.now();
    let next = 0;
    const pacer = new Pacer(this.options.warmupRate, () => this.visitors[next++]?.startConversation());
    pacer.start();
    await waitFor(() => next >= this.visitors.length, 600_000);
    pacer.stop();
    const main = this.visitors.filter((v) => !v.options.queued);
    const allAssigned = await waitFor(() => main.every((v) => v.state === "assigned"), 30_000);
    // Every conversation gets its agent's first reply, so the window sees the steady state
    // (first replies only for the conversations that arrive in it).
    const firstReplies = main.flatMap((visitor) => {
      const agent = visitor.conversationId ? this.agentOf.get(visitor.conversationId) : undefined;
      return agent && visitor.conversationId ? [{ agent, conversationId: visitor.conversationId }] : [];
    });
    next = 0;
    const replies = new Pacer(this.options.warmupRate, () => {
      const reply = firstReplies[next++];
      if (reply) reply.agent.say(reply.conversationId);
    });
    replies.start();
    await waitFor(() => next >= firstReplies.length, 600_000);
    replies.stop();
    await waitFor(() => this.agents.every((a) => a.pending.size === 0), 30_000);
    await sleep(1000);
    const seconds = (performance.now() - started) / 1000;
    this.log(
      `warm-up: ${this.visitors.length} first messages and ${firstReplies.length} first replies at ${this.options.warmupRate}/s in ${seconds.toFixed(1)} s; ` +
        `${main.filter((v) => v.state === "assigned").length}/${main.length} support conversations assigned${allAssigned ? "" : " (TIMED OUT)"}; ` +
        `assignment ${this.assignWarmup.describe([0.5, 0.99])}`,
    );
  }

  /** Starts new latency samples (one step of a rate sweep). */
  resetSamples(): void {
    this.ledger.deliveryVisitorToAgent = new Samples();
    this.ledger.deliveryAgentToVisitor = new Samples();
    this.assign = new Samples();
    this.queueWait = new Samples();
    this.positionDelay = new Samples();
  }

  /** The measured window; `during` runs alongside it (the fault bench kills the runtime there). */
  async window(
    during?: () => Promise<void>,
    rate = this.options.rate,
    arrivalRate = this.options.arrivals,
  ): Promise<void> {
    const o = { ...this.options, rate, arrivals: arrivalRate };
    if (o.leadIn > 0) {
      const leadIn = new WindowLoad(this, o);
      leadIn.start();
      await sleep(o.leadIn * 1000);
      leadIn.stop();
    }
    const load = new WindowLoad(this, o);
    const meter = await RuntimeMeter.start(this.runtime, o.profile, this.logger);
    const started = performance.now();
    this.windowStartedAt = started;
    this.log(
      `window: ${o.duration} s at ${o.rate} messages/s (${Math.round(o.visitorShare * 100)}% from visitors) + ${o.arrivals} new conversations/s; load average ${loadLine()}`,
    );
    this.inWindow = true;
    this.ledger.timing = true;
    load.start();
    await Promise.all([sleep(o.duration * 1000), during?.()]);
    load.stop();
    this.ledger.timing = false;
    this.inWindow = false;
    const elapsed = (performance.now() - started) / 1000;
    this.log(
      `sent: ${load.sentByVisitors} by visitors + ${load.sentByAgents} by agents in ${elapsed.toFixed(1)} s = ${((load.sentByVisitors + load.sentByAgents) / elapsed).toFixed(0)}/s` +
        `${load.skipped ? ` (${load.skipped} ticks found no assigned conversation)` : ""}; ${load.arrivalsStarted} new conversations; ${load.closes} queue closes`,
    );
    const runtimeCpu = await meter.finish(
      this.logger,
      `slow deliveries by second: ${this.ledger.deliveryVisitorToAgent.slowSeconds(25, started)} (visitor -> agent)`,
    );
    this.cpuMsPerMessage = (runtimeCpu * 1000) / (load.sentByVisitors + load.sentByAgents);
    this.runtimeCore = runtimeCpu / elapsed;
    this.sentRate = (load.sentByVisitors + load.sentByAgents) / elapsed;
  }

  /** Waits for every message to be acked and every client to be connected, then settles. */
  async drain(timeoutMs: number): Promise<void> {
    const started = performance.now();
    const settled = await waitFor(
      () =>
        this.visitors.every((v) => v.ready && v.pending.size === 0) &&
        this.agents.every((a) => a.ready && a.pending.size === 0),
      timeoutMs,
    );
    await sleep(1500);
    this.live = false;
    await Promise.all(this.agents.map((agent) => Promise.race([agent.refresh(), sleep(5000)])));
    const notReady =
      this.visitors.filter((v) => !v.ready).length + this.agents.filter((a) => !a.ready).length;
    this.log(
      `drain: ${settled ? "everything acked" : `NOT settled (${notReady} clients not connected)`} after ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  }

  /** The end-of-run audit (`auditRun`): lost, doubled and double-assigned, logged and counted. */
  audit(): Promise<AuditCounts> {
    return auditRun(this);
  }

  printLatencies(): void {
    this.log(`delivery visitor -> agent: ${this.ledger.deliveryVisitorToAgent.describe()}`);
    this.log(`delivery agent -> visitor: ${this.ledger.deliveryAgentToVisitor.describe()}`);
    this.log(
      `assignment (first message -> assigned frame), window: ${this.assign.describe([0.5, 0.95, 0.99])}`,
    );
    if (this.queueWait.count > 0)
      this.log(`queue team: wait in queue ${this.queueWait.describe([0.5, 0.99])}`);
    this.log(
      `queue position update delay (a seat frees -> each waiting visitor's new position): ${this.positionDelay.describe()}`,
    );
  }

  printFrames(): void {
    const rows = [...this.frames].sort((a, b) => b[1].count - a[1].count);
    this.log(
      `frames received by the clients: ${rows.map(([type, { count, bytes }]) => `${type} ${count} (${(bytes / count).toFixed(0)} B)`).join(", ")}`,
    );
  }

  /**
   * Runs a benchmark's phases and prints the line `body` returns (or `failed`) last, whatever
   * happens; the runtime is always stopped and the process exits (open sockets would hold it).
   */
  async main(failed: string, body: () => Promise<string>): Promise<never> {
    let summary = failed;
    try {
      summary = await body();
    } catch (error) {
      console.error(error);
      process.exitCode = 1;
    } finally {
      await this.stop();
    }
    console.log(summary);
    process.exit();
  }

  async stop(): Promise<void> {
    this.live = false;
    for (const client of [...this.visitors, ...this.agents]) client.stop();
    await this.runtime.stop();
  }
}
