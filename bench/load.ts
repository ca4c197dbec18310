/**
 * Load benchmark (`npm run bench:load`): the real runtime (`wrangler dev`) with N visitor and
 * M agent sockets, an open-loop load of chat messages and new conversations for a fixed time.
 * Reports delivery latency both ways, assignment latency, queue-position update delay, lost
 * and doubled messages, and the runtime's memory per 1,000 open sockets. Flags: --help.
 *
 * In the same run, the floor (bench/floor/: a minimal durable relay) under the same clients,
 * rate, mix and window, so the product's delivery p99 and runtime CPU per message are stated
 * as ratios to what the runtime costs by itself on this machine now. Both runtimes stay up for
 * the whole run and each floor window runs right before the product's at the same rate, so
 * the two sides of a ratio are measured seconds apart, not minutes. The last line:
 * `load: deliver_p99_ms=N floor_p99_ms=N p99_ratio=N cpu_ms_per_msg=N floor_cpu_ms_per_msg=N
 * cpu_ratio=N assign_p99_ms=N lost=N doubled=N rss_mb_per_1k=N` (one line).
 */
import { CEILING_FACTOR, ceiling, describeSaturation, saturation, type StepFigures } from "./lib/ceiling";
import { FloorRun, type FloorFigures } from "./lib/floor-run";
import { parseFlags } from "./lib/flags";
import { DEFAULT_LOAD, Run } from "./lib/scenario";
import { sleep, waitFor } from "./lib/pacer";
import { figure, ms } from "./lib/stats";

const options = parseFlags("npm run bench:load -- [flags]", {
  ...DEFAULT_LOAD,
  /** A sweep, "rate[:arrivals],...", e.g. "100:5,200:10,400:20": one window of --duration per step, same sockets. */
  steps: "",
  /** Measure the floor relay before each product window (false: the product alone, no ratios). */
  floor: true,
  /** Rounds, after the warm-up, of every visitor's socket dropped and all timed back (a crash's reconnects, warm). */
  reconnect: 0,
});

const run = new Run(options);
await run.main("load: failed", async () => {
  // A sweep: "rate" or "rate:arrivals" per step, e.g. 100:5,200:10,400:20.
  const steps = options.steps
    ? options.steps.split(",").map((step) => {
        const [rate, arrivals] = step.split(":").map(Number) as [number, number | undefined];
        if (!Number.isFinite(rate) || rate <= 0 || (arrivals !== undefined && !(arrivals >= 0)))
          throw new Error(`--steps takes rate[:arrivals],... like 100:5,200:10, not "${options.steps}"`);
        return { rate, arrivals: arrivals ?? options.arrivals };
      })
    : [];
  const sweep: string[] = [];
  const productSteps: StepFigures[] = [];
  let rssMbPer1k: number;
  const floorRun = options.floor ? await FloorRun.start(options, run.logger) : null;
  const floor: FloorFigures[] = [];
  try {
    await run.setUp();
    rssMbPer1k = await run.connect();
    await run.warmUp();
    for (let round = 1; round <= options.reconnect; round++) await run.reconnectAll();
    for (const [index, step] of steps.entries()) {
      if (floorRun) floor.push(await floorRun.window(step.rate));
      run.resetSamples();
      await run.window(undefined, step.rate, step.arrivals);
      // Every message of the step delivered (or 30 s) before its figures are taken, the last
      // step's too: a saturated step's late deliveries are its p99.
      await waitFor(
        () => [...run.visitors, ...run.agents].every((client) => client.pending.size === 0),
        30_000,
      );
      if (index < steps.length - 1) await sleep(2000);
      sweep.push(stepLine(step.rate, step.arrivals, floor[index]));
      productSteps.push({
        rate: step.rate,
        sentRate: run.sentRate,
        p50: p50Of(run.ledger),
        p99: p99Of(run.ledger),
        runtimeCore: run.runtimeCore,
      });
      run.log(`step: ${sweep.at(-1)}`);
    }
    if (steps.length === 0) {
      if (floorRun) floor.push(await floorRun.window(options.rate));
      await run.window();
    }
  } finally {
    await floorRun?.stop();
  }
  await run.drain(20_000);
  if (steps.length > 0) {
    run.log(
      `sweep (${options.teams} support team(s), ${options.visitors} visitors, ${options.agents} agents):`,
    );
    for (const line of sweep) run.log(`  ${line}`);
    run.log(`  product: ${describeSaturation(saturation(productSteps))}`);
    if (floor.length > 0) {
      const floorSteps = floor.map((figures, index) => ({
        rate: steps[index]!.rate,
        sentRate: figures.sentRate,
        p50: p50Of(figures),
        p99: p99Of(figures),
        runtimeCore: figures.runtimeCore,
      }));
      const floorSaturation = saturation(floorSteps);
      const within = ceiling(productSteps, floorSteps);
      // The issue's goal: the ceiling at least half the floor's saturation rate (known only
      // once the floor saturates within the sweep).
      const floorRate = floorSaturation.saturatedAt?.rate;
      run.log(`  floor: ${describeSaturation(floorSaturation)}`);
      run.log(
        `  ceiling (p99 within ${CEILING_FACTOR}x the floor's at the same rate): ${within === null ? "none of the steps" : `${within} messages/s`}` +
          (floorRate === undefined
            ? "; the floor did not saturate within the sweep: add higher steps for the ratio"
            : within === null
              ? ""
              : floorSaturation.saturatedAt?.byGenerator
                ? `; the floor's own saturation is above ${floorRate} (where the load generator fell short), so the ceiling is at most ${ratio(within, floorRate)}x it: not established here`
                : `, ${ratio(within, floorRate)}x the floor's saturation rate (goal: 0.5x or more)`),
      );
    }
  }
  run.printLatencies();
  run.printFrames();
  const { lost, doubled } = await run.audit();
  const deliverP99 = p99Of(run.ledger);
  // The ratios compare the last window of each (the default load, or the sweep's last step).
  const floorLast = floor.at(-1);
  const floorP99 = floorLast ? p99Of(floorLast) : Number.NaN;
  const floorCpu = floorLast?.cpuMsPerMessage ?? Number.NaN;
  if (floorLast)
    run.log(
      `product vs floor: delivery p99 ${ms(deliverP99)} vs ${ms(floorP99)} ms (${ratio(deliverP99, floorP99)}x), runtime CPU per message ${ms(run.cpuMsPerMessage)} vs ${ms(floorCpu)} ms (${ratio(run.cpuMsPerMessage, floorCpu)}x); floor lost ${floorLast.lost}, doubled ${floorLast.doubled}`,
    );
  return (
    `load: deliver_p99_ms=${figure(round1(deliverP99))} floor_p99_ms=${figure(round1(floorP99))} p99_ratio=${ratio(deliverP99, floorP99)} ` +
    `cpu_ms_per_msg=${figure(round2(run.cpuMsPerMessage), 2)} floor_cpu_ms_per_msg=${figure(round2(floorCpu), 2)} cpu_ratio=${ratio(run.cpuMsPerMessage, floorCpu)} ` +
    `assign_p99_ms=${figure(round1(run.assign.percentile(0.99)))} lost=${lost} doubled=${doubled} rss_mb_per_1k=${figure(round1(rssMbPer1k))}`
  );
});

/** The worse of the two directions' p99. */
function p99Of(samples: Pick<FloorFigures, "deliveryVisitorToAgent" | "deliveryAgentToVisitor">): number {
  return Math.max(
    samples.deliveryVisitorToAgent.percentile(0.99),
    samples.deliveryAgentToVisitor.percentile(0.99),
  );
}

/** The worse of the two directions' p50. */
function p50Of(samples: Pick<FloorFigures, "deliveryVisitorToAgent" | "deliveryAgentToVisitor">): number {
  return Math.max(
    samples.deliveryVisitorToAgent.percentile(0.5),
    samples.deliveryAgentToVisitor.percentile(0.5),
  );
}

/** "2.3", or "-1" when either side is missing. */
function ratio(product: number, floor: number): string {
  return figure(Number.isFinite(product / floor) ? round1(product / floor) : Number.NaN);
}

function stepLine(rate: number, arrivals: number, floor: FloorFigures | undefined): string {
  const p99 = p99Of(run.ledger);
  const p50 = p50Of(run.ledger);
  const floorPart = floor
    ? `; floor p50=${ms(p50Of(floor))} p99=${ms(p99Of(floor))} ms (${ratio(p99, p99Of(floor))}x), sent ${Math.round(floor.sentRate)}/s vs ${Math.round(run.sentRate)}/s, CPU/message ${ms(run.cpuMsPerMessage)} vs floor ${ms(floor.cpuMsPerMessage)} ms, floor workerd ${(floor.runtimeCore * 100).toFixed(0)}% of a core`
    : "";
  return `${rate} messages/s + ${arrivals} new conversations/s: delivery p50=${ms(p50)} p99=${ms(p99)} ms, assignment p99=${ms(run.assign.percentile(0.99))} ms${floorPart}`;
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
