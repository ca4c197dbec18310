/** Latency samples and their percentiles (nearest rank), in milliseconds. */
export class Samples {
  private readonly values: number[] = [];
  private sorted: number[] | null = null;

  /** When each sample was taken (performance.now()), for finding stalls. */
  private readonly times: number[] = [];

  add(value: number, at = performance.now()): void {
    this.values.push(value);
    this.times.push(at);
    this.sorted = null;
  }

  /** The samples over `threshold`, grouped by the second they were taken in: the worst seconds. */
  slowSeconds(threshold: number, since: number, top = 5): string {
    const buckets = new Map<number, { count: number; over: number; max: number }>();
    this.values.forEach((value, i) => {
      const second = Math.floor((this.times[i]! - since) / 1000);
      const bucket = buckets.get(second) ?? { count: 0, over: 0, max: 0 };
      bucket.count++;
      if (value > threshold) bucket.over++;
      bucket.max = Math.max(bucket.max, value);
      buckets.set(second, bucket);
    });
    const over = [...buckets].filter(([, b]) => b.over > 0);
    const worst = over.sort((a, b) => b[1].over - a[1].over).slice(0, top);
    return (
      `${over.length} of ${buckets.size} seconds had samples over ${threshold} ms` +
      (worst.length
        ? `; worst: ${worst.map(([second, b]) => `s${second} ${b.over}/${b.count} max ${ms(b.max)}`).join(", ")}`
        : "")
    );
  }

  get count(): number {
    return this.values.length;
  }

  /** The value at `fraction` (0.5 = median) by nearest rank; NaN without samples. */
  percentile(fraction: number): number {
    if (this.values.length === 0) return Number.NaN;
    this.sorted ??= [...this.values].sort((a, b) => a - b);
    const rank = Math.ceil(fraction * this.sorted.length) - 1;
    return this.sorted[Math.min(this.sorted.length - 1, Math.max(0, rank))]!;
  }

  get max(): number {
    return this.percentile(1);
  }

  /** "p50=1.2 p95=3.4 p99=5.6 max=7.8 (n=123)" */
  describe(fractions: readonly number[] = [0.5, 0.95, 0.99]): string {
    if (this.count === 0) return "no samples";
    const parts = fractions.map((f) => `p${Math.round(f * 100)}=${ms(this.percentile(f))}`);
    return `${parts.join(" ")} max=${ms(this.max)} ms (n=${this.count})`;
  }
}

/** Milliseconds with a precision that suits their size. */
export function ms(value: number): string {
  if (!Number.isFinite(value)) return "n/a";
  if (value < 10) return value.toFixed(2);
  if (value < 100) return value.toFixed(1);
  return value.toFixed(0);
}

/** A figure for a last line: integers stay integers, others get `decimals` (one); NaN prints as -1. */
export function figure(value: number, decimals = 1): string {
  if (!Number.isFinite(value)) return "-1";
  return Number.isInteger(value) ? String(value) : value.toFixed(decimals);
}
