/**
 * What a `bench:load --steps` sweep concludes, for the product and for the floor alike: the
 * rate each saturates at, and the product's ceiling as the issue defines it (the highest
 * rate whose delivery p99 stays within 2x the floor's at the same rate). Pure: figures in,
 * sentences out.
 */

export interface StepFigures {
  /** Offered messages a second. */
  rate: number;
  /** Delivery p99 (ms), the worse direction. */
  p99: number;
  /** Share of one core the runtime workerd used in the step's window. */
  runtimeCore: number;
}

/** A step is saturated when the runtime is at most of its one core, or queueing shows in p99. */
export const SATURATED_CORE = 0.9;
/** ... or its p99 is this many times the sweep's first step's. */
export const SATURATED_P99_GROWTH = 4;
/** The product's ceiling: p99 within this many times the floor's at the same rate. */
export const CEILING_FACTOR = 2;

export interface Saturation {
  /** The last rate before the first saturated step; null when the first step is saturated already. */
  keepsUpTo: number | null;
  /** The first saturated step's rate and why; null when no step saturated. */
  saturatedAt: { rate: number; why: string } | null;
}

export function saturation(steps: readonly StepFigures[]): Saturation {
  const first = steps[0];
  let keepsUpTo: number | null = null;
  for (const step of steps) {
    const why =
      step.runtimeCore >= SATURATED_CORE
        ? `workerd ${(step.runtimeCore * 100).toFixed(0)}% of a core`
        : first && step.p99 > SATURATED_P99_GROWTH * first.p99
          ? `p99 ${step.p99.toFixed(1)} ms, over ${SATURATED_P99_GROWTH}x the first step's ${first.p99.toFixed(1)} ms`
          : null;
    if (why) return { keepsUpTo, saturatedAt: { rate: step.rate, why } };
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
