/**
 * What a measured phase cost, beside its latencies: the CPU of the runtime's processes and
 * of the load generator, the generator's event-loop delay (a late generator inflates every
 * latency it measures), and optionally a V8 CPU profile of the runtime, saved and summarized.
 */
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { monitorEventLoopDelay, type IntervalHistogram } from "node:perf_hooks";
import { CpuProfiler, summarizeProfile, type Profile } from "./cpu-profile";
import { loadLine } from "./machine";
import type { BenchRuntime } from "./runtime";
import { ms } from "./stats";

/** Attaches to the runtime's inspector and starts profiling; null (said in the log) when it cannot. */
export async function startProfiler(
  runtime: BenchRuntime,
  log: (line: string) => void,
): Promise<CpuProfiler | null> {
  try {
    const profiler = await CpuProfiler.attach(runtime.inspectorPort());
    await profiler.start();
    return profiler;
  } catch (error) {
    log(`profile: could not attach (${error instanceof Error ? error.message : String(error)})`);
    return null;
  }
}

/** Writes the profile to a file and logs its summary. */
export function saveProfile(phase: string, profile: Profile, log: (line: string) => void): void {
  const file = join(tmpdir(), `bench-runtime-${Date.now()}.cpuprofile`);
  writeFileSync(file, JSON.stringify(profile));
  log(`profile of the runtime during ${phase}:`);
  for (const line of summarizeProfile(profile)) log(line);
  log(`profile saved: ${file} (open in Chrome DevTools > Performance)`);
}

export class RuntimeMeter {
  private readonly cpuBefore: ReturnType<BenchRuntime["cpuSeconds"]>;
  private readonly startsBefore: number;
  private readonly benchCpuBefore = process.cpuUsage();
  private readonly loopDelay: IntervalHistogram = monitorEventLoopDelay({ resolution: 5 });
  private readonly started = performance.now();

  private constructor(
    private readonly runtime: BenchRuntime,
    private readonly profiler: CpuProfiler | null,
  ) {
    this.cpuBefore = runtime.cpuSeconds();
    this.startsBefore = runtime.starts;
    this.loopDelay.enable();
  }

  static async start(
    runtime: BenchRuntime,
    profile: boolean,
    log: (line: string) => void,
  ): Promise<RuntimeMeter> {
    return new RuntimeMeter(runtime, profile ? await startProfiler(runtime, log) : null);
  }

  /**
   * Logs the CPU shares and the generator's delay; `extra` is appended to the delay line.
   * Returns the runtime workerd's CPU seconds in the phase (NaN across a restart).
   */
  async finish(log: (line: string) => void, extra: string): Promise<number> {
    const elapsed = (performance.now() - this.started) / 1000;
    const cpuAfter = this.runtime.cpuSeconds();
    const benchCpu = process.cpuUsage(this.benchCpuBefore);
    this.loopDelay.disable();
    const profile = this.profiler ? await this.profiler.stop() : null;
    const core = (seconds: number) => `${((seconds / elapsed) * 100).toFixed(0)}%`;
    // After a restart the processes' counters started again: no share to give.
    if (this.runtime.running && this.runtime.starts === this.startsBefore) {
      const { cpuBefore } = this;
      log(
        `cpu (of one core) during the window: runtime workerd ${core(cpuAfter.runtime - cpuBefore.runtime)}, wrangler's proxy workerd ${core(cpuAfter.proxy - cpuBefore.proxy)}, ` +
          `wrangler (node) ${core(cpuAfter.wrangler - cpuBefore.wrangler)}, load generator ${core((benchCpu.user + benchCpu.system) / 1e6)}; load average ${loadLine()}`,
      );
    }
    log(
      `load generator event loop delay: p99 ${ms(this.loopDelay.percentile(99) / 1e6)} ms, max ${ms(this.loopDelay.max / 1e6)} ms; ${extra}`,
    );
    if (profile) saveProfile("the window", profile, log);
    return this.runtime.running && this.runtime.starts === this.startsBefore
      ? cpuAfter.runtime - this.cpuBefore.runtime
      : Number.NaN;
  }
}
