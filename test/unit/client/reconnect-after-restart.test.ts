/**
 * Reconnecting after a crash or a deploy (issue 13, finding 7): a client whose working
 * connection was lost retries every 0.5–1 s for 10 s (what a restart takes), then every 1–2 s
 * for the rest of a minute, so it is back within about a second of the server answering
 * again instead of sitting in an 8–30 s backoff; a restart close
 * (1001, 1012) reconnects at once, jittered over a second. Fake timers and a fake socket; the
 * schedule itself is held to its promises (back soon, never hammering) for any jitter with fast-check.
 */
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  BACKOFF_BASE_MS,
  BACKOFF_MAX_MS,
  isRestartClose,
  QUICK_RETRY_MAX_MS,
  QUICK_RETRY_WINDOW_MS,
  reconnectDelay,
  RESTART_RETRY_MAX_MS,
  RESTART_WINDOW_MS,
  RESTART_SPREAD_MS,
  OPEN_TIMEOUT_MAX_MS,
  OPEN_TIMEOUT_MS,
  openTimeout,
  restartDelay,
} from "../../../client/backoff";
import { ReconnectingSocket, SocketState } from "../../../client/reconnecting-socket";

describe("reconnectDelay after a working connection was lost", () => {
  it("caps the step at 1 s for the first 10 s and at 2 s for the first minute, however many attempts failed", () => {
    for (const attempt of [3, 5, 10, 100]) {
      expect(reconnectDelay(attempt, () => 1, 5_000)).toBe(RESTART_RETRY_MAX_MS);
      expect(reconnectDelay(attempt, () => 0, 5_000)).toBe(RESTART_RETRY_MAX_MS / 2);
      expect(reconnectDelay(attempt, () => 1, RESTART_WINDOW_MS)).toBe(QUICK_RETRY_MAX_MS);
      expect(reconnectDelay(attempt, () => 0, 30_000)).toBe(QUICK_RETRY_MAX_MS / 2);
    }
    // The first attempts are no slower than before.
    expect(reconnectDelay(0, () => 1, 0)).toBe(BACKOFF_BASE_MS);
  });

  it("backs off as before once the outage is longer than the window, or with no working connection yet", () => {
    expect(reconnectDelay(5, () => 1, QUICK_RETRY_WINDOW_MS)).toBe(BACKOFF_BASE_MS * 32);
    expect(reconnectDelay(5, () => 1)).toBe(BACKOFF_BASE_MS * 32);
  });

  /** The times of a client's attempts after losing its connection at 0, until `untilMs`. */
  function attempts(random: () => number, untilMs: number): number[] {
    const times: number[] = [];
    for (let at = 0, attempt = 0; at <= untilMs;) {
      at += reconnectDelay(attempt++, random, at);
      times.push(at);
    }
    return times;
  }

  it("whatever the jitter and however long the outage, a client tries again within 1 s of a server back in under 9 s, within 2 s under 58 s", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1 }),
        fc.nat(58_000),
        (draws, backAt) => {
          let i = 0;
          const random = () => draws[i++ % draws.length]!;
          const next = attempts(random, backAt).find((at) => at >= backAt)!;
          expect(next - backAt).toBeLessThanOrEqual(
            backAt < 9_000 ? RESTART_RETRY_MAX_MS : QUICK_RETRY_MAX_MS,
          );
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it("never hammers a server that stays down: at most 2 tries a second at first, then one a second, then one per 15-30 s", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1 }), (draws) => {
        let i = 0;
        const times = attempts(() => draws[i++ % draws.length]!, 10 * 60_000);
        const within = (from: number, to: number) => times.filter((at) => at >= from && at < to).length;
        expect(within(0, 1_000)).toBeLessThanOrEqual(2);
        expect(within(0, RESTART_WINDOW_MS)).toBeLessThanOrEqual(
          RESTART_WINDOW_MS / (RESTART_RETRY_MAX_MS / 2) + 1,
        );
        expect(within(RESTART_WINDOW_MS, QUICK_RETRY_WINDOW_MS)).toBeLessThanOrEqual(
          (QUICK_RETRY_WINDOW_MS - RESTART_WINDOW_MS) / (QUICK_RETRY_MAX_MS / 2) + 1,
        );
        // After a minute, steps double to the cap: from two minutes on, at least 15 s apart.
        const late = times.filter((at) => at >= 2 * 60_000);
        for (let k = 1; k < late.length; k++)
          expect(late[k]! - late[k - 1]!).toBeGreaterThanOrEqual(BACKOFF_MAX_MS / 2);
      }),
      { numRuns: 500 },
    );
  });

  it("treats 1001 and 1012 as a restart and spreads those clients over a second", () => {
    expect(isRestartClose(1001)).toBe(true);
    expect(isRestartClose(1012)).toBe(true);
    expect(isRestartClose(1006)).toBe(false);
    expect(isRestartClose(4010)).toBe(false);
    expect(restartDelay(() => 0)).toBe(0);
    expect(restartDelay(() => 1)).toBe(RESTART_SPREAD_MS);
  });
});

/** A WebSocket-shaped fake the test opens, answers and closes by hand. */
class FakeSocket {
  static all: FakeSocket[] = [];
  readyState = 0;
  onopen: (() => void) | null = null;
  onmessage: ((event: { data: string }) => void) | null = null;
  onclose: ((event: { code: number }) => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }
  send(): void {}
  close(): void {
    this.readyState = 3;
  }
  open(): void {
    this.readyState = 1;
    this.onopen?.();
    this.onmessage?.({ data: '{"type":"welcome"}' });
  }
  drop(code: number): void {
    this.readyState = 3;
    this.onclose?.({ code });
  }
}

describe("ReconnectingSocket through a crash and a deploy", () => {
  let serverUp = true;
  /** A session request that never answers, as one caught in a restart can. */
  let sessionHangs = false;
  let socket: ReconnectingSocket;

  beforeEach(() => {
    vi.useFakeTimers();
    FakeSocket.all = [];
    serverUp = true;
    sessionHangs = false;
    socket = new ReconnectingSocket({
      url: async () => {
        if (sessionHangs) return new Promise<string>(() => {});
        if (!serverUp) throw new TypeError("fetch failed");
        return "ws://test/connect";
      },
      onOpen: () => {},
      onText: () => {},
      createSocket: (url) => new FakeSocket(url) as unknown as WebSocket,
      now: () => Date.now(),
      random: () => 1, // the longest delay jitter allows: the worst case
    });
  });
  afterEach(() => {
    socket.stop();
    vi.useRealTimers();
  });

  const last = () => FakeSocket.all.at(-1)!;

  it("is back within 1 s of the server answering after a 4 s outage (a restart)", async () => {
    socket.start();
    await vi.advanceTimersByTimeAsync(0);
    last().open();
    serverUp = false;
    last().drop(1006);
    await vi.advanceTimersByTimeAsync(4_000);
    const socketsBefore = FakeSocket.all.length;
    serverUp = true;
    await vi.advanceTimersByTimeAsync(RESTART_RETRY_MAX_MS);
    expect(FakeSocket.all.length).toBe(socketsBefore + 1);
    last().open();
    expect(socket.state).toBe(SocketState.open);
  });

  it("is back within 2 s of the server answering after a 12 s outage", async () => {
    socket.start();
    await vi.advanceTimersByTimeAsync(0);
    last().open();
    expect(socket.state).toBe(SocketState.open);

    serverUp = false;
    last().drop(1006);
    await vi.advanceTimersByTimeAsync(12_000);
    expect(socket.state).toBe(SocketState.waiting);
    const socketsBefore = FakeSocket.all.length;

    serverUp = true;
    await vi.advanceTimersByTimeAsync(QUICK_RETRY_MAX_MS);
    expect(FakeSocket.all.length).toBe(socketsBefore + 1);
    last().open();
    expect(socket.state).toBe(SocketState.open);
  });

  it("reconnects within a second of a deploy's 1012 close, without waiting out a backoff", async () => {
    socket.start();
    await vi.advanceTimersByTimeAsync(0);
    last().open();
    last().drop(1012);
    expect(socket.state).toBe(SocketState.waiting);
    await vi.advanceTimersByTimeAsync(RESTART_SPREAD_MS);
    expect(FakeSocket.all.length).toBe(2);
  });

  it("drops an upgrade that hangs with no answer and is back within a second of the timeout", async () => {
    socket.start();
    await vi.advanceTimersByTimeAsync(0);
    last().open();
    last().drop(1006);
    // The first retry, half a second later with the longest jitter.
    await vi.advanceTimersByTimeAsync(BACKOFF_BASE_MS);
    // The upgrade was sent while the runtime came back: it never opens nor closes.
    const hung = last();
    expect(FakeSocket.all).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(OPEN_TIMEOUT_MS - 1);
    expect(socket.state).toBe(SocketState.connecting);
    await vi.advanceTimersByTimeAsync(1);
    expect(hung.readyState).toBe(3); // closed by the client
    expect(socket.state).toBe(SocketState.waiting);
    await vi.advanceTimersByTimeAsync(RESTART_RETRY_MAX_MS);
    expect(FakeSocket.all).toHaveLength(3);
    last().open();
    expect(socket.state).toBe(SocketState.open);
    // A late open of the hung attempt changes nothing.
    hung.onopen?.();
    expect(FakeSocket.all).toHaveLength(3);
  });

  it("drops a session request that hangs, and a later answer of it opens no socket", async () => {
    sessionHangs = true;
    socket.start();
    await vi.advanceTimersByTimeAsync(OPEN_TIMEOUT_MS);
    expect(socket.state).toBe(SocketState.waiting);
    sessionHangs = false;
    await vi.advanceTimersByTimeAsync(BACKOFF_BASE_MS);
    expect(FakeSocket.all).toHaveLength(1);
    last().open();
    expect(socket.state).toBe(SocketState.open);
  });

  it("gives a slow network a longer chance after each timeout, up to 30 s", () => {
    expect(openTimeout(0)).toBe(OPEN_TIMEOUT_MS);
    expect(openTimeout(1)).toBe(OPEN_TIMEOUT_MS * 2);
    expect(openTimeout(3)).toBe(OPEN_TIMEOUT_MS * 8);
    expect(openTimeout(50)).toBe(OPEN_TIMEOUT_MAX_MS);
  });

  it("a first connect to a server that is down still backs off exponentially", async () => {
    serverUp = false;
    socket.start();
    // Attempts at 0, 0.5, 1.5, 3.5, 7.5 and 15.5 s with the longest jitter; the next at 31.5 s.
    await vi.advanceTimersByTimeAsync(15_600);
    serverUp = true;
    await vi.advanceTimersByTimeAsync(QUICK_RETRY_MAX_MS);
    expect(FakeSocket.all.length).toBe(0);
    await vi.advanceTimersByTimeAsync(14_000);
    expect(FakeSocket.all.length).toBe(1);
  });
});
