/** The bounded in-memory set of spent tickets (core/throttles/spent-tickets), in plain Node. */
import { describe, expect, it } from "vitest";
import { SpentTickets } from "../../../../core/throttles/spent-tickets";

describe("spent tickets", () => {
  it("spends a ticket once, until it expires", () => {
    const spent = new SpentTickets(10);
    expect(spent.spend("t1", 2000, 1000)).toBe(true);
    expect(spent.has("t1", 1500)).toBe(true);
    expect(spent.spend("t1", 2000, 1500)).toBe(false);
    expect(spent.has("t2", 1500)).toBe(false);
    // Past its expiry the Worker refuses it by signature anyway; memory forgets it.
    expect(spent.has("t1", 2000)).toBe(false);
  });

  it("forgets expired tickets as new ones are spent", () => {
    const spent = new SpentTickets(100);
    for (let i = 0; i < 50; i++) spent.spend(`old${i}`, 1000, 0);
    spent.spend("new", 5000, 1000);
    expect(spent.size).toBe(1);
  });

  it("stays within its capacity, forgetting the oldest live ticket first", () => {
    const spent = new SpentTickets(3);
    for (const id of ["a", "b", "c", "d"]) spent.spend(id, 10_000, 0);
    expect(spent.size).toBe(3);
    expect(spent.has("a", 1)).toBe(false);
    expect(["b", "c", "d"].every((id) => spent.has(id, 1))).toBe(true);
  });

  it("keeps longer-lived resume tickets apart, so they never hold expired session tickets in memory", () => {
    const spent = new SpentTickets(2);
    spent.spend("resume", 600_000, 0);
    spent.spend("a", 30_000, 0);
    spent.spend("b", 30_000, 0);
    // a and b expired: forgotten from their own queue, not by evicting the live resume ticket.
    spent.spend("c", 61_000, 31_000);
    expect(spent.has("resume", 31_000)).toBe(true);
    expect(spent.size).toBe(2);
  });
});
