/**
 * The per-socket frame budget, typing and read coalescing (core/throttles), in plain Node.
 */
import { describe, expect, it } from "vitest";
import { FrameBudget, Verdict } from "../../../../core/throttles/frame-budget";
import { ReadCoalescer } from "../../../../core/throttles/read-coalescer";
import { TYPING_FORWARD_MS, TypingCoalescer } from "../../../../core/throttles/typing-coalescer";

describe("FrameBudget", () => {
  const limits = { burst: 5, perSecond: 2, closeAfter: 3 };

  it("accepts a burst, refuses once, drops, then closes and ignores the rest", () => {
    const budget = new FrameBudget<object>(limits);
    const socket = {};
    const verdicts = Array.from({ length: 11 }, () => budget.take(socket, 0));
    expect(verdicts).toEqual([
      ...Array<Verdict>(5).fill(Verdict.accept),
      Verdict.refuse,
      Verdict.drop,
      Verdict.drop,
      Verdict.close,
      Verdict.ignore,
      Verdict.ignore,
    ]);
    expect(budget.take(socket, 60_000)).toBe(Verdict.ignore);
  });

  it("earns frames back over time and counts each socket apart", () => {
    const budget = new FrameBudget<object>(limits);
    const a = {};
    const b = {};
    for (let i = 0; i < 5; i++) budget.take(a, 0);
    expect(budget.take(a, 0)).toBe(Verdict.refuse);
    expect(budget.take(b, 0)).toBe(Verdict.accept);
    expect(budget.take(a, 500)).toBe(Verdict.accept);
    // Still the same overrun: told once already.
    expect(budget.take(a, 500)).toBe(Verdict.drop);
    // Full again: a new overrun is told again.
    for (let i = 0; i < 5; i++) budget.take(a, 10_000);
    expect(budget.take(a, 10_000)).toBe(Verdict.refuse);
  });

  it("never limits a steady client under its rate", () => {
    const budget = new FrameBudget<object>(limits);
    const socket = {};
    for (let t = 0; t < 100_000; t += 600) expect(budget.take(socket, t)).toBe(Verdict.accept);
  });
});

describe("TypingCoalescer", () => {
  it("forwards typing at most once per interval, and stopped only after a typing", () => {
    const typing = new TypingCoalescer();
    expect(typing.offer("v:c1", false, 0)).toBe(false);
    expect(typing.offer("v:c1", true, 0)).toBe(true);
    expect(typing.offer("v:c1", true, 10)).toBe(false);
    expect(typing.offer("a:c1", true, 10)).toBe(true);
    expect(typing.offer("v:c1", true, TYPING_FORWARD_MS)).toBe(true);
    expect(typing.offer("v:c1", false, TYPING_FORWARD_MS + 1)).toBe(true);
    expect(typing.offer("v:c1", false, TYPING_FORWARD_MS + 2)).toBe(false);
    expect(typing.offer("v:c1", true, TYPING_FORWARD_MS + 3)).toBe(true);
  });
});

describe("ReadCoalescer", () => {
  it("writes a pointer only when it moves forward", () => {
    const reads = new ReadCoalescer();
    expect(reads.offer("c1", 3)).toBe(true);
    expect(reads.offer("c1", 3)).toBe(false);
    expect(reads.offer("c1", 2)).toBe(false);
    expect(reads.offer("c2", 1)).toBe(true);
    expect(reads.offer("c1", 4)).toBe(true);
  });
});
