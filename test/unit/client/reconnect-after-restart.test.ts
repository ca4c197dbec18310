/**
 * Reconnecting after a crash or a deploy (issue 13, finding 7): a client whose working
 * connection was lost keeps retrying every 1–2 s for a minute, so it is back within about
 * 2 s of the server answering again instead of sitting in an 8–30 s backoff; a restart close
 * (1001, 1012) reconnects at once, jittered over a second. Fake timers and a fake socket.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  BACKOFF_BASE_MS,
  isRestartClose,
  QUICK_RETRY_MAX_MS,
  QUICK_RETRY_WINDOW_MS,
  reconnectDelay,
  RESTART_SPREAD_MS,
  restartDelay,
} from "../../../client/backoff";
import { ReconnectingSocket, SocketState } from "../../../client/reconnecting-socket";

describe("reconnectDelay after a working connection was lost", () => {
  it("caps the step at 2 s for the first minute, however many attempts failed", () => {
    for (const attempt of [3, 5, 10, 100]) {
      expect(reconnectDelay(attempt, () => 1, { downForMs: 10_000 })).toBe(QUICK_RETRY_MAX_MS);
      expect(reconnectDelay(attempt, () => 0, { downForMs: 10_000 })).toBe(QUICK_RETRY_MAX_MS / 2);
    }
    // The first attempts are no slower than before.
    expect(reconnectDelay(0, () => 1, { downForMs: 0 })).toBe(BACKOFF_BASE_MS);
  });

  it("backs off as before once the outage is longer than the window, or with no working connection yet", () => {
    expect(reconnectDelay(5, () => 1, { downForMs: QUICK_RETRY_WINDOW_MS })).toBe(BACKOFF_BASE_MS * 32);
    expect(reconnectDelay(5, () => 1)).toBe(BACKOFF_BASE_MS * 32);
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
  let socket: ReconnectingSocket;

  beforeEach(() => {
    vi.useFakeTimers();
    FakeSocket.all = [];
    serverUp = true;
    socket = new ReconnectingSocket({
      url: async () => {
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
