/**
 * Fault benchmark (`npm run bench:fault`): the load of `bench:load` while the runtime
 * (`wrangler dev`: wrangler and both workerd processes) is killed with SIGKILL and started
 * again on the same port and the same storage, three times. Every client reconnects as the
 * widget and the panel do (new session, `hello {lastSeq}` / `history {afterSeq}`, unacked
 * messages resent by clientId). Reports lost and doubled messages, conversations assigned to
 * two agents, and the longest time a client was without service. Flags: --help.
 * Also the restart time (SIGKILL → runtime answering) and the longest outage beyond it (runtime
 * answering → the last client ready again), which is what the clients' backoff adds.
 * The last line: `fault: lost=N doubled=N double_assigned=N max_outage_ms=N restart_ms=N
 * max_beyond_restart_ms=N`.
 */
import { parseFlags } from "./lib/flags";
import { sleep, waitFor } from "./lib/pacer";
import { saveProfile, startProfiler } from "./lib/runtime-meter";
import { DEFAULT_LOAD, Run } from "./lib/scenario";
import { Samples } from "./lib/stats";

const options = parseFlags("npm run bench:fault -- [flags]", {
  ...DEFAULT_LOAD,
  kills: 3,
});

const run = new Run(options);
const restarts = new Samples();
const recoveries = new Samples();
/** Per kill: runtime answering again → every client ready again. */
const beyondRestart = new Samples();
await run.main("fault: failed", async () => {
  await run.setUp();
  await run.connect();
  await run.warmUp();
  await run.window(async () => {
    const clients = () => [...run.visitors, ...run.agents];
    for (let kill = 1; kill <= options.kills; kill++) {
      // Spread over the window: at 20%, 45%, 70% of it with the default three.
      await sleep(((options.duration * 1000) / (options.kills + 1)) * (kill === 1 ? 0.8 : 1));
      const killedAt = performance.now();
      // Upgrades on a welcome's resume ticket, no session request (what the widget does).
      const resumes = () =>
        run.visitors.reduce(
          (sum, visitor) => ({
            tried: sum.tried + visitor.resumes,
            opened: sum.opened + visitor.resumesOpened,
          }),
          { tried: 0, opened: 0 },
        );
      const resumesBefore = resumes();
      run.ledger.note("*", `KILL ${kill}`);
      await run.killAndRestart();
      // killAndRestart resolves when /health answers: from here on it is the clients' backoff.
      const restartedAt = performance.now();
      // SIGKILL -> answering: the old processes' death and the new start, all of which a crash takes.
      const restartMs = restartedAt - killedAt;
      restarts.add(restartMs);
      // --profile: what the fresh runtime spends the recovery on (attaching takes a few ms).
      const profiler = options.profile ? await startProfiler(run.runtime, run.logger) : null;
      // When half the clients were back: tells the backoff's delay from the runtime's throughput.
      let halfBackMs = -1;
      let agentsBackMs = -1;
      let visitorsBackMs = -1;
      const back = await waitFor(() => {
        const all = clients();
        const ready = all.filter((client) => client.ready).length;
        const now = performance.now() - restartedAt;
        if (halfBackMs < 0 && ready * 2 >= all.length) halfBackMs = now;
        if (agentsBackMs < 0 && run.agents.every((a) => a.ready)) agentsBackMs = now;
        if (visitorsBackMs < 0 && run.visitors.every((v) => v.ready)) visitorsBackMs = now;
        return ready === all.length;
      }, 30_000);
      const backAt = performance.now();
      const recovery = backAt - killedAt;
      recoveries.add(recovery);
      beyondRestart.add(backAt - restartedAt);
      if (profiler) saveProfile(`recovery after kill ${kill}`, await profiler.stop(), run.logger);
      if (!back) {
        // Which step of connecting the clients not back are stuck in: the path that stops retrying.
        const stuck = new Map<string, number>();
        for (const client of clients().filter((c) => !c.ready)) {
          const key = `${client.constructor.name} ${client.phase}${client.lastFrame ? ` after ${client.lastFrame}` : ""}`;
          stuck.set(key, (stuck.get(key) ?? 0) + 1);
        }
        run.log(`kill ${kill}: not back: ${[...stuck].map(([k, n]) => `${k} x${n}`).join(", ")}`);
      }
      run.log(
        `kill ${kill}: SIGKILL at ${((killedAt - run.windowStartedAt) / 1000).toFixed(1)} s into the window; runtime answered again after ${(restartMs / 1000).toFixed(1)} s; ` +
          `half the clients back ${(halfBackMs / 1000).toFixed(1)} s after that, every agent ${(agentsBackMs / 1000).toFixed(1)} s, every visitor ${(visitorsBackMs / 1000).toFixed(1)} s; ` +
          `${back ? "every client back" : `${clients().filter((c) => !c.ready).length} clients NOT back`} ${(recovery / 1000).toFixed(1)} s after the kill; ` +
          `visitor attempts on a resume ticket: ${resumes().tried - resumesBefore.tried}, of which opened ${resumes().opened - resumesBefore.opened}`,
      );
    }
  });
  await run.drain(60_000);
  run.printLatencies();
  run.log(`restart (SIGKILL -> wrangler dev answering /health again): ${restarts.describe([0.5])}`);
  run.log(`recovery (SIGKILL -> every client connected again): ${recoveries.describe([0.5])}`);
  run.log(
    `beyond restart (runtime answering -> every client connected again): ${beyondRestart.describe([0.5])}`,
  );
  run.log(
    `outage per client (socket closed -> welcome/snapshot again): ${run.outages.describe([0.5, 0.99])}`,
  );
  run.printFrames();
  const { lost, doubled, doubleAssigned } = await run.audit();
  const ms = (value: number) => (Number.isFinite(value) ? Math.round(value) : -1);
  return `fault: lost=${lost} doubled=${doubled} double_assigned=${doubleAssigned} max_outage_ms=${ms(run.outages.max)} restart_ms=${ms(restarts.max)} max_beyond_restart_ms=${ms(beyondRestart.max)}`;
});
