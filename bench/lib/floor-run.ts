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

/** One measured window per rate in `rates` (a sweep), same sockets, after a warm-up at the first. */
export async function runFloor(
  options: Pick<ScenarioOptions, "visitors" | "agents" | "rate" | "duration" | "visitorShare" | "direct">,
  rates: readonly number[],
  log: (line: string) => void,
): Promise<FloorFigures[]> {
  const runtime = new BenchRuntime("bench/floor/wrangler.toml");
  const sockets: WebSocket[] = [];
  try {
    await runtime.start();
    const origin = options.direct ? await runtime.directOrigin() : runtime.origin;
    const wsOrigin = origin.replace(/^http/, "ws");
    const inFlight = new Map<string, InFlight>();
    const delivered = new Set<string>();
    let doubled = 0;
    const receive = (data: WebSocket.RawData) => {
      const frame = JSON.parse(String(data)) as { c: string; q: number; from?: number; a?: string };
      if (frame.a !== undefined) return; // an ack: the forward is what is timed
      const sent = inFlight.get(frame.c);
      if (delivered.has(frame.c)) doubled++;
      delivered.add(frame.c);
      if (!sent) return;
      inFlight.delete(frame.c);
      sent.samples.add(performance.now() - sent.sentAt);
    };
    const connect = (query: string) =>
      new Promise<WebSocket>((resolve, reject) => {
        const socket = new WebSocket(`${wsOrigin}/connect?${query}&agents=${options.agents}`);
        socket.once("open", () => resolve(socket));
        socket.once("error", reject);
        socket.on("message", receive);
        sockets.push(socket);
      });
    const agents: WebSocket[] = [];
    const visitors: WebSocket[] = [];
    for (let id = 0; id < options.agents; id++) agents.push(await connect(`role=agent&id=${id}`));
    await pool(
      Array.from({ length: options.visitors }, (_, id) => id),
      16,
      async (id) => {
        visitors[id] = await connect(`role=visitor&id=${id}`);
      },
    );

    let next = 0;
    let sent = 0;
    let target: Pick<FloorFigures, "deliveryVisitorToAgent" | "deliveryAgentToVisitor"> = {
      deliveryVisitorToAgent: new Samples(),
      deliveryAgentToVisitor: new Samples(),
    };
    const say = () => {
      const visitor = Math.floor(Math.random() * options.visitors);
      const toAgent = Math.random() < options.visitorShare;
      const clientId = `f${(next++).toString(36)}`;
      const sentAt = performance.now();
      inFlight.set(clientId, {
        sentAt,
        samples: toAgent ? target.deliveryVisitorToAgent : target.deliveryAgentToVisitor,
      });
      const frame = toAgent
        ? { c: clientId, x: TEXT, s: sentAt }
        : { c: clientId, x: TEXT, s: sentAt, to: visitor };
      (toAgent ? visitors[visitor]! : agents[visitor % options.agents]!).send(JSON.stringify(frame));
      sent++;
    };
    // A short warm-up, as the product's run has, then one measured window per rate.
    const warm = new Pacer(options.rate, say);
    warm.start();
    await sleep(3000);
    warm.stop();
    await waitFor(() => delivered.size === sent, 10_000);
    const results: FloorFigures[] = [];
    for (const rate of rates) {
      target = { deliveryVisitorToAgent: new Samples(), deliveryAgentToVisitor: new Samples() };
      const sentBefore = sent;
      const doubledBefore = doubled;
      const cpuBefore = runtime.cpuSeconds().runtime;
      const started = performance.now();
      log(`floor window: ${options.duration} s at ${rate} messages/s; load average ${loadLine()}`);
      const load = new Pacer(rate, say);
      load.start();
      await sleep(options.duration * 1000);
      load.stop();
      const elapsed = (performance.now() - started) / 1000;
      const runtimeCpu = runtime.cpuSeconds().runtime - cpuBefore;
      await waitFor(() => delivered.size >= sent, 20_000);
      await sleep(500);
      const figures: FloorFigures = {
        ...target,
        sent: sent - sentBefore,
        lost: sent - delivered.size,
        doubled: doubled - doubledBefore,
        cpuMsPerMessage: (runtimeCpu * 1000) / (sent - sentBefore),
        runtimeCore: runtimeCpu / elapsed,
        sentRate: (sent - sentBefore) / elapsed,
      };
      log(
        `floor: sent ${figures.sent} in ${elapsed.toFixed(1)} s; runtime workerd ${(figures.runtimeCore * 100).toFixed(0)}% of a core, ${figures.cpuMsPerMessage.toFixed(2)} ms CPU per message; lost ${figures.lost}, doubled ${figures.doubled}`,
      );
      log(`floor delivery visitor -> agent: ${figures.deliveryVisitorToAgent.describe()}`);
      log(`floor delivery agent -> visitor: ${figures.deliveryAgentToVisitor.describe()}`);
      results.push(figures);
    }
    return results;
  } finally {
    for (const socket of sockets) socket.terminate();
    await runtime.stop();
  }
}
