/**
 * What a `bench:load --steps` sweep concludes, for the product and for the floor alike: the
 * rate each saturates at, and the product's ceiling as the issue defines it (the highest
 * rate whose delivery p99 stays within 2x the floor's at the same rate). Pure: figures in,
 * sentences out.
 */

export interface StepFigures {
  /** Offered messages a second. */
  rate: number;
  /** Messages a second the load generator really sent in the step's window. */
  sentRate: number;
  /** Delivery p50 (ms), the worse direction: queueing shows here first, and it is steady. */
  p50: number;
  /** Delivery p99 (ms), the worse direction. */
  p99: number;
  /** Share of one core the runtime workerd used in the step's window. */
  runtimeCore: number;
}

/**
 * A step is saturated when the runtime is at most of its one core, or queueing shows in the
 * median: p50 this many times the first step's. Not p99: in 15–20 s steps on a shared machine
 * one stall of the machine moves a p99 tenfold (the floor's 184 ms at 600 msg/s, then 78 ms at
 * 1,000), while a runtime that falls behind moves every message, so the median.
 */
export const SATURATED_CORE = 0.9;
export const SATURATED_P50_GROWTH = 4;
/** A p50 under this is never called queueing (1 ms to 4 ms is noise, not a backlog). */
export const SATURATED_P50_MIN_MS = 10;
/** The generator sent less than this share of the offered rate: the machine, not the runtime, is the limit. */
export const GENERATOR_SHORTFALL = 0.9;
/** The product's ceiling: p99 within this many times the floor's at the same rate. */
export const CEILING_FACTOR = 2;

export interface Saturation {
  /** The last rate before the first saturated step; null when the first step is saturated already. */
  keepsUpTo: number | null;
  /**
   * The first saturated step's rate and why; null when no step saturated. `byGenerator`: the
   * load generator fell short there, so the runtime's own saturation is above this rate.
   */
  saturatedAt: { rate: number; why: string; byGenerator: boolean } | null;
}

export function saturation(steps: readonly StepFigures[]): Saturation {
  const first = steps[0];
  let keepsUpTo: number | null = null;
  for (const step of steps) {
    const why =
      step.runtimeCore >= SATURATED_CORE
        ? `workerd ${(step.runtimeCore * 100).toFixed(0)}% of a core`
        : first && step.p50 > SATURATED_P50_MIN_MS && step.p50 > SATURATED_P50_GROWTH * first.p50
          ? `p50 ${step.p50.toFixed(1)} ms, over ${SATURATED_P50_GROWTH}x the first step's ${first.p50.toFixed(1)} ms`
          : step.sentRate < GENERATOR_SHORTFALL * step.rate
            ? `the load generator sent only ${Math.round(step.sentRate)}/s: this machine's limit, not the runtime's`
            : null;
    if (why) {
      const byGenerator = why.startsWith("the load generator");
      return { keepsUpTo, saturatedAt: { rate: step.rate, why, byGenerator } };
    }
    keepsUpTo = step.rate;
  }
  return { keepsUpTo, saturatedAt: null };
}

/** The highest rate up to which every step's p99 is within CEILING_FACTOR x the floor's; null if none. */
export function ceiling(product: readonly StepFigures[], floor: readonly StepFigures[]): number | null {
  let within: number | null = null;
  for (const [index, step] of product.entries()) {
    const base = floor[index];
    if (!base || !(step.p99 <= CEILING_FACTOR * base.p99)) break;
    within = step.rate;
  }
  return within;
}

/** One line: "keeps up to N messages/s; saturated at M (why)". */
export function describeSaturation(found: Saturation): string {
  const upTo =
    found.keepsUpTo === null ? "saturated from the first step" : `keeps up to ${found.keepsUpTo} messages/s`;
  return found.saturatedAt
    ? `${upTo}; saturated at ${found.saturatedAt.rate} messages/s (${found.saturatedAt.why})`
    : `${upTo}, the last step, unsaturated`;
}
