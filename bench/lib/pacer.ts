/**
 * Open-loop pacing: `fire` runs `rate` times a second on a fixed schedule, whatever the
 * system under test does, so a slow server meets the same offered load rather than a
 * politely slower client. A late timer catches up by firing every event that fell due.
 */
export class Pacer {
  private timer: ReturnType<typeof setInterval> | undefined;
  private started = 0;
  fired = 0;

  constructor(
    private readonly rate: number,
    private readonly fire: () => void,
  ) {}

  start(): void {
    if (this.rate <= 0) return;
    this.started = performance.now();
    this.timer = setInterval(() => {
      const due = Math.floor(((performance.now() - this.started) / 1000) * this.rate);
      while (this.fired < due) {
        this.fired++;
        this.fire();
      }
    }, 2);
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

/** Runs `work` over `items` with at most `concurrency` at once. */
export async function pool<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Waits until `done()` or `timeoutMs`; returns whether it got done. */
export async function waitFor(done: () => boolean, timeoutMs: number, stepMs = 50): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (!done()) {
    if (performance.now() > deadline) return false;
    await sleep(stepMs);
  }
  return true;
}
