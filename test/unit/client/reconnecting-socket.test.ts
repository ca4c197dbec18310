import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { PING, PONG } from "../../../protocol/wire";
import { BACKOFF_MAX_MS } from "../../../client/backoff";
import {
  FatalConnectError,
  ReconnectingSocket,
  RetryLaterError,
  SocketState,
  type ReconnectingSocketOptions,
} from "../../../client/reconnecting-socket";
import { FakeWebSocket } from "./fake-web-socket";

/** A socket wired to fake WebSockets, recording what it told its owner. */
function harness(overrides: Partial<ReconnectingSocketOptions> = {}) {
  const sockets: FakeWebSocket[] = [];
  const texts: string[] = [];
  const states: SocketState[] = [];
  let opens = 0;
  let urls = 0;
  const socket = new ReconnectingSocket({
    url: async () => `ws://chat.test/connect?ticket=${++urls}`,
    onOpen: () => opens++,
    onText: (text) => texts.push(text),
    onState: (state) => states.push(state),
    createSocket: (url) => {
      const ws = new FakeWebSocket(url);
      sockets.push(ws);
      return ws as unknown as WebSocket;
    },
    ...overrides,
  });
  return {
    socket,
    sockets,
    texts,
    states,
    get opens() {
      return opens;
    },
    get last() {
      return sockets[sockets.length - 1]!;
    },
  };
}

/** Lets the pending `url()` promise settle. */
const settle = () => vi.advanceTimersByTimeAsync(0);

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("ReconnectingSocket", () => {
  it("opens with a fresh url, says hello and passes text frames on, but not the keep-alive answer", async () => {
    const h = harness();
    h.socket.start();
    await settle();
    expect(h.sockets).toHaveLength(1);
    expect(h.last.url).toBe("ws://chat.test/connect?ticket=1");
    expect(h.socket.state).toBe(SocketState.connecting);
    expect(h.socket.send("early")).toBe(false);
    h.last.open();
    expect(h.socket.state).toBe(SocketState.open);
    expect(h.opens).toBe(1);
    h.last.receive('{"type":"welcome"}');
    h.last.receive(PONG);
    expect(h.texts).toEqual(['{"type":"welcome"}']);
    expect(h.socket.send("hi")).toBe(true);
    expect(h.last.sent).toEqual(["hi"]);
  });

  it("reconnects after a drop, with backoff and a new url, and resumes by saying hello again", async () => {
    const h = harness();
    h.socket.start();
    await settle();
    h.last.open();
    h.last.serverClose(1006);
    expect(h.socket.state).toBe(SocketState.waiting);
    expect(h.sockets).toHaveLength(1);
    // The first retry waits between a quarter and half a second (equal jitter on 500 ms).
    await vi.advanceTimersByTimeAsync(500);
    expect(h.sockets).toHaveLength(2);
    expect(h.last.url).toBe("ws://chat.test/connect?ticket=2");
    h.last.open();
    expect(h.opens).toBe(2);
    expect(h.states).toEqual([
      SocketState.connecting,
      SocketState.open,
      SocketState.waiting,
      SocketState.connecting,
      SocketState.open,
    ]);
  });

  it("backs off further on every failed attempt, up to the maximum", async () => {
    const h = harness();
    h.socket.start();
    await settle();
    const waits: number[] = [];
    for (let attempt = 0; attempt < 9; attempt++) {
      h.last.serverClose(1006);
      const before = h.sockets.length;
      let waited = 0;
      while (h.sockets.length === before) {
        await vi.advanceTimersByTimeAsync(50);
        waited += 50;
      }
      waits.push(waited);
    }
    // Each step doubles the fixed half: attempt n waits at least 250 * 2^n ms.
    waits.forEach((waited, attempt) =>
      expect(waited).toBeGreaterThanOrEqual(Math.min(250 * 2 ** attempt, BACKOFF_MAX_MS / 2)),
    );
    expect(Math.max(...waits)).toBeLessThanOrEqual(BACKOFF_MAX_MS + 50);
  });

  it("starts the backoff over once the server answered", async () => {
    const h = harness();
    h.socket.start();
    await settle();
    for (let attempt = 0; attempt < 5; attempt++) {
      h.last.serverClose(1006);
      await vi.advanceTimersByTimeAsync(BACKOFF_MAX_MS);
    }
    h.last.open();
    h.last.receive("{}");
    h.last.serverClose(1006);
    await vi.advanceTimersByTimeAsync(500);
    expect(h.socket.state).toBe(SocketState.connecting);
  });

  it("reconnects at once when the owner says the close means come back elsewhere", async () => {
    const closes: [number, boolean][] = [];
    const h = harness({
      onClose: (code, opened) => {
        closes.push([code, opened]);
        return code === 4010;
      },
    });
    h.socket.start();
    await settle();
    h.last.open();
    h.last.serverClose(4010);
    await settle();
    expect(h.sockets).toHaveLength(2);
    expect(closes).toEqual([[4010, true]]);
  });

  it("stops for good on a fatal error and tells its owner", async () => {
    const fatal: FatalConnectError[] = [];
    const h = harness({
      url: async () => {
        throw new FatalConnectError("origin not allowed", "origin_not_allowed");
      },
      onFatal: (error) => fatal.push(error),
    });
    h.socket.start();
    await settle();
    expect(fatal.map((error) => error.code)).toEqual(["origin_not_allowed"]);
    expect(h.socket.state).toBe(SocketState.idle);
    await vi.advanceTimersByTimeAsync(BACKOFF_MAX_MS * 2);
    expect(h.sockets).toHaveLength(0);
  });

  it("waits as long as the server asked before trying again", async () => {
    let calls = 0;
    const h = harness({
      url: async () => {
        if (++calls === 1) throw new RetryLaterError("rate_limited", 20_000);
        return "ws://chat.test/connect";
      },
    });
    h.socket.start();
    await settle();
    expect(h.socket.state).toBe(SocketState.waiting);
    await vi.advanceTimersByTimeAsync(19_000);
    expect(h.sockets).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(h.sockets).toHaveLength(1);
  });

  it("retries a url that failed for any other reason after the backoff", async () => {
    let calls = 0;
    const h = harness({
      url: async () => {
        if (++calls === 1) throw new Error("network down");
        return "ws://chat.test/connect";
      },
    });
    h.socket.start();
    await settle();
    expect(h.socket.state).toBe(SocketState.waiting);
    await vi.advanceTimersByTimeAsync(500);
    expect(h.sockets).toHaveLength(1);
  });

  it("pings an idle socket and replaces one that stays silent", async () => {
    const h = harness({ pingIntervalMs: 1_000, pongTimeoutMs: 500 });
    h.socket.start();
    await settle();
    const first = h.last;
    first.open();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(first.sent).toEqual([PING]);
    first.receive(PONG);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(h.sockets).toHaveLength(1);
    // The second ping gets no answer: the socket is dropped and a new one opened now.
    await vi.advanceTimersByTimeAsync(500);
    expect(first.closed).toBeDefined();
    expect(h.sockets).toHaveLength(2);
  });

  it("restart drops the socket and connects again with a fresh url", async () => {
    const h = harness();
    h.socket.start();
    await settle();
    const first = h.last;
    first.open();
    h.socket.restart();
    await settle();
    expect(first.closed).toEqual({ code: 1000, reason: "restart" });
    expect(h.sockets).toHaveLength(2);
    // Late events of the dropped socket change nothing.
    first.serverClose(1006);
    expect(h.socket.state).toBe(SocketState.connecting);
  });

  it("stop closes the socket cleanly and never reconnects", async () => {
    const h = harness();
    h.socket.start();
    await settle();
    const ws = h.last;
    ws.open();
    h.socket.stop();
    expect(ws.closed).toEqual({ code: 1000, reason: "bye" });
    expect(h.socket.state).toBe(SocketState.idle);
    await vi.advanceTimersByTimeAsync(BACKOFF_MAX_MS * 2);
    expect(h.sockets).toHaveLength(1);
  });

  it("a stop while the url is being fetched leaves no socket behind", async () => {
    let release!: (url: string) => void;
    const h = harness({ url: () => new Promise((resolve) => (release = resolve)) });
    h.socket.start();
    h.socket.stop();
    release("ws://chat.test/connect");
    await settle();
    expect(h.sockets).toHaveLength(0);
  });
});
