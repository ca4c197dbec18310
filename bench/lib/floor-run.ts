/**
 * The floor of `bench:load`: the same visitors, agents, message rate, direction mix and
 * window, through the same kind of `wrangler dev` (direct or through its proxy), against the
 * minimal durable relay in bench/floor/. What it measures is what the runtime costs by itself
 * on this machine now, so the product's figures can be stated as ratios to it.
 */
import WebSocket from "ws";
import { loadLine } from "./machine";
import { Pacer, pool, sleep, waitFor } from "./pacer";
import { BenchRuntime } from "./runtime";
import type { ScenarioOptions } from "./scenario-options";
import { TEXT } from "./sim-client";
import { startProfiler, saveProfile } from "./runtime-meter";
import { Samples } from "./stats";

export interface FloorFigures {
  deliveryVisitorToAgent: Samples;
  deliveryAgentToVisitor: Samples;
  sent: number;
  lost: number;
  doubled: number;
  /** Runtime workerd CPU ms per message sent in the window. */
  cpuMsPerMessage: number;
  /** Share of one core the runtime workerd used during the window. */
  runtimeCore: number;
  /** Messages a second the load generator really sent in the window. */
  sentRate: number;
}

interface InFlight {
  sentAt: number;
  /** Where its delivery latency goes (the window it was sent in, by direction). */
  samples: Samples;
}

function freshSamples(): Pick<FloorFigures, "deliveryVisitorToAgent" | "deliveryAgentToVisitor"> {
  return { deliveryVisitorToAgent: new Samples(), deliveryAgentToVisitor: new Samples() };
}

type FloorOptions = Pick<
  ScenarioOptions,
  "visitors" | "agents" | "rate" | "duration" | "leadIn" | "visitorShare" | "direct" | "profile"
>;

/**
 * The floor relay's runtime and clients, kept up beside the product's for the whole run, so
 * each of its windows runs right before the product's window at the same rate: a slow spell
 * of the machine (a flush, a neighbour) then lands on both sides of a ratio, not on one.
 */
export class FloorRun {
  private readonly sockets: WebSocket[] = [];
  private readonly inFlight = new Map<string, InFlight>();
  private readonly delivered = new Set<string>();
  private readonly agents: WebSocket[] = [];
  private readonly visitors: WebSocket[] = [];
  private doubled = 0;
  private sent = 0;
  private next = 0;
  /** Where the deliveries of what is sent now are timed (a window's, or its lead-in's). */
  private target = freshSamples();

  private constructor(
    private readonly options: FloorOptions,
    private readonly runtime: BenchRuntime,
    private readonly log: (line: string) => void,
  ) {}

  /** Starts the relay, connects every client and warms it up for 3 s at `options.rate`. */
  static async start(options: FloorOptions, log: (line: string) => void): Promise<FloorRun> {
    const floor = new FloorRun(options, new BenchRuntime("bench/floor/wrangler.toml"), log);
    try {
      await floor.connect();
      const warm = new Pacer(options.rate, () => floor.say());
      warm.start();
      await sleep(3000);
      warm.stop();
      await waitFor(() => floor.delivered.size === floor.sent, 10_000);
      return floor;
    } catch (error) {
      await floor.stop();
      throw error;
    }
  }

  private async connect(): Promise<void> {
    const { runtime, options } = this;
    await runtime.start();
    const origin = options.direct ? await runtime.directOrigin() : runtime.origin;
    const wsOrigin = origin.replace(/^http/, "ws");
    const connect = (query: string) =>
      new Promise<WebSocket>((resolve, reject) => {
        // No permessage-deflate, as the product's simulated clients: ws offers it by default,
        // and then both the runtime and this generator compress every floor frame.
        const socket = new WebSocket(`${wsOrigin}/connect?${query}&agents=${options.agents}`, {
          perMessageDeflate: false,
        });
        socket.once("open", () => resolve(socket));
        socket.once("error", reject);
        socket.on("message", (data) => this.receive(data));
        this.sockets.push(socket);
      });
    for (let id = 0; id < options.agents; id++) this.agents.push(await connect(`role=agent&id=${id}`));
    await pool(
      Array.from({ length: options.visitors }, (_, id) => id),
      16,
      async (id) => {
        this.visitors[id] = await connect(`role=visitor&id=${id}`);
      },
    );
  }

  private receive(data: WebSocket.RawData): void {
    const frame = JSON.parse(String(data)) as { c: string; q: number; from?: number; a?: string };
    if (frame.a !== undefined) return; // an ack: the forward is what is timed
    const sent = this.inFlight.get(frame.c);
    if (this.delivered.has(frame.c)) this.doubled++;
    this.delivered.add(frame.c);
    if (!sent) return;
    this.inFlight.delete(frame.c);
    sent.samples.add(performance.now() - sent.sentAt);
  }

  private say(): void {
    const { options, target } = this;
    const visitor = Math.floor(Math.random() * options.visitors);
    const toAgent = Math.random() < options.visitorShare;
    const clientId = `f${(this.next++).toString(36)}`;
    const sentAt = performance.now();
    this.inFlight.set(clientId, {
      sentAt,
      samples: toAgent ? target.deliveryVisitorToAgent : target.deliveryAgentToVisitor,
    });
    const frame = toAgent
      ? { c: clientId, x: TEXT, s: sentAt }
      : { c: clientId, x: TEXT, s: sentAt, to: visitor };
    (toAgent ? this.visitors[visitor]! : this.agents[visitor % options.agents]!).send(JSON.stringify(frame));
    this.sent++;
  }

  /** One measured window of `options.duration` at `rate`, drained before it returns. */
  async window(rate: number): Promise<FloorFigures> {
    const { runtime, options, log } = this;
    if (options.leadIn > 0) {
      // Timed into samples of its own: the last window's are reported already.
      this.target = freshSamples();
      const leadIn = new Pacer(rate, () => this.say());
      leadIn.start();
      await sleep(options.leadIn * 1000);
      leadIn.stop();
    }
    this.target = freshSamples();
    const sentBefore = this.sent;
    const doubledBefore = this.doubled;
    const cpuBefore = runtime.cpuSeconds().runtime;
    const profiler = options.profile ? await startProfiler(runtime, log) : null;
    const started = performance.now();
    log(`floor window: ${options.duration} s at ${rate} messages/s; load average ${loadLine()}`);
    const load = new Pacer(rate, () => this.say());
    load.start();
    await sleep(options.duration * 1000);
    load.stop();
    const elapsed = (performance.now() - started) / 1000;
    const runtimeCpu = runtime.cpuSeconds().runtime - cpuBefore;
    if (profiler) saveProfile(`the floor's ${rate} messages/s window`, await profiler.stop(), log);
    await waitFor(() => this.delivered.size >= this.sent, 20_000);
    await sleep(500);
    const sent = this.sent - sentBefore;
    const figures: FloorFigures = {
      ...this.target,
      sent,
      lost: this.sent - this.delivered.size,
      doubled: this.doubled - doubledBefore,
      cpuMsPerMessage: (runtimeCpu * 1000) / sent,
      runtimeCore: runtimeCpu / elapsed,
      sentRate: sent / elapsed,
    };
    log(
      `floor: sent ${figures.sent} in ${elapsed.toFixed(1)} s; runtime workerd ${(figures.runtimeCore * 100).toFixed(0)}% of a core, ${figures.cpuMsPerMessage.toFixed(2)} ms CPU per message; lost ${figures.lost}, doubled ${figures.doubled}`,
    );
    log(`floor delivery visitor -> agent: ${figures.deliveryVisitorToAgent.describe()}`);
    log(`floor delivery agent -> visitor: ${figures.deliveryAgentToVisitor.describe()}`);
    log(
      `floor slow deliveries by second: ${figures.deliveryVisitorToAgent.slowSeconds(25, started)} (visitor -> agent)`,
    );
    return figures;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.terminate();
    await this.runtime.stop();
  }
}
