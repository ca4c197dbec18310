/**
 * Load benchmark (`npm run bench:load`): the real runtime (`wrangler dev`) with N visitor and
 * M agent sockets, an open-loop load of chat messages and new conversations for a fixed time.
 * Reports delivery latency both ways, assignment latency, queue-position update delay, lost
 * and doubled messages, and the runtime's memory per 1,000 open sockets. Flags: --help.
 * The last line: `load: deliver_p99_ms=N assign_p99_ms=N lost=N doubled=N rss_mb_per_1k=N`.
 */
import { parseFlags } from "./lib/flags";
import { DEFAULT_LOAD, Run } from "./lib/scenario";
import { sleep, waitFor } from "./lib/pacer";
import { figure, ms } from "./lib/stats";

const options = parseFlags("npm run bench:load -- [flags]", {
  ...DEFAULT_LOAD,
  /** A sweep, "rate[:arrivals],...", e.g. "100:5,200:10,400:20": one window of --duration per step, same sockets. */
  steps: "",
});

const run = new Run(options);
await run.main("load: failed", async () => {
  await run.setUp();
  const rssMbPer1k = await run.connect();
  await run.warmUp();
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
  for (const [index, step] of steps.entries()) {
    run.resetSamples();
    await run.window(undefined, step.rate, step.arrivals);
    if (index < steps.length - 1) {
      await waitFor(
        () => [...run.visitors, ...run.agents].every((client) => client.pending.size === 0),
        30_000,
      );
      await sleep(2000);
    }
    sweep.push(stepLine(step.rate, step.arrivals));
    run.log(`step: ${sweep.at(-1)}`);
  }
  if (steps.length === 0) await run.window();
  await run.drain(20_000);
  if (steps.length > 0) {
    run.log(
      `sweep (${options.teams} support team(s), ${options.visitors} visitors, ${options.agents} agents):`,
    );
    for (const line of sweep) run.log(`  ${line}`);
  }
  run.printLatencies();
  run.printFrames();
  const { lost, doubled } = await run.audit();
  const deliverP99 = Math.max(
    run.ledger.deliveryVisitorToAgent.percentile(0.99),
    run.ledger.deliveryAgentToVisitor.percentile(0.99),
  );
  return `load: deliver_p99_ms=${figure(round1(deliverP99))} assign_p99_ms=${figure(round1(run.assign.percentile(0.99)))} lost=${lost} doubled=${doubled} rss_mb_per_1k=${figure(round1(rssMbPer1k))}`;
});

function stepLine(rate: number, arrivals: number): string {
  const v2a = run.ledger.deliveryVisitorToAgent;
  const a2v = run.ledger.deliveryAgentToVisitor;
  const p99 = Math.max(v2a.percentile(0.99), a2v.percentile(0.99));
  const p50 = Math.max(v2a.percentile(0.5), a2v.percentile(0.5));
  return `${rate} messages/s + ${arrivals} new conversations/s: delivery p50=${ms(p50)} p99=${ms(p99)} ms, assignment p99=${ms(run.assign.percentile(0.99))} ms${p99 < 25 && (run.assign.count === 0 || run.assign.percentile(0.99) < 50) ? " (targets met)" : ""}`;
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
