import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  RESYNC_AFTER_DROP_MS,
  type AgentSummary,
  type ChatMessage,
  type ConversationSummary,
  type PresenceStatus,
} from "../../../protocol/wire";
import type { FatalConnectError } from "../../../client/reconnecting-socket";
import { TeamConnection, type TeamHost } from "../../../panel/team-connection";
import { FakeWebSocket } from "../client/fake-web-socket";

const me = (status: PresenceStatus = "online"): AgentSummary => ({
  id: "a1",
  name: "Ana",
  status,
  open: 1,
  limit: 3,
});

const summary = (id: string, extra: Partial<ConversationSummary> = {}): ConversationSummary => ({
  id,
  teamId: "support",
  visitorId: `v-${id}`,
  visitorName: `Visitor ${id}`,
  state: "assigned",
  agentId: "a1",
  createdAt: 1,
  lastSeq: 0,
  lastMessage: null,
  waitingSince: null,
  page: null,
  locale: null,
  priority: 0,
  tier: 1,
  position: null,
  offline: false,
  transferNote: null,
  visitor: { name: `Visitor ${id}`, verified: {}, hints: {}, previousConversations: 0 },
  ...extra,
});

const message = (seq: number, extra: Partial<ChatMessage> = {}): ChatMessage => ({
  conversationId: "c1",
  seq,
  from: "visitor",
  text: `m${seq}`,
  at: seq,
  ...extra,
});

/** A TeamHost that records what the connection told it. */
function fakeHost(wanted: PresenceStatus | null = null) {
  const calls = { assigned: [] as string[], wrote: [] as ChatMessage[], refused: [] as string[] };
  const host: TeamHost = {
    changed: () => {},
    wantedPresence: () => wanted,
    assigned: (_team, id) => calls.assigned.push(id),
    visitorWrote: (_team, m) => calls.wrote.push(m),
    queued: () => {},
    refused: (text) => calls.refused.push(text),
    fatal: (error: FatalConnectError) => calls.refused.push(error.message),
  };
  return { host, calls };
}

let sockets: FakeWebSocket[] = [];
const last = () => sockets[sockets.length - 1]!;
const server = (frame: object) => last().receive(JSON.stringify(frame));

beforeEach(() => {
  vi.useFakeTimers();
  sockets = [];
  vi.stubGlobal(
    "WebSocket",
    class extends FakeWebSocket {
      constructor(url: string) {
        super(url);
        sockets.push(this);
      }
    },
  );
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

async function connected(
  host: TeamHost,
  inbox: ConversationSummary[] = [summary("c1")],
  unread: Record<string, number> = {},
) {
  const team = new TeamConnection("support", "Support", async () => "ws://chat.test/agent", host);
  team.start();
  await vi.advanceTimersByTimeAsync(0);
  last().open();
  server({ type: "snapshot", teamId: "support", me: me(), inbox, queue: [], agents: [me()], unread });
  return team;
}

describe("TeamConnection (the panel's socket of one team)", () => {
  it("says hello, takes the snapshot and loads the history of every inbox conversation", async () => {
    const { host } = fakeHost();
    const team = await connected(host);
    expect(team.ready).toBe(true);
    expect(team.inbox.map((c) => c.id)).toEqual(["c1"]);
    expect(last().frames()).toEqual([
      { type: "hello" },
      { type: "history", conversationId: "c1", afterSeq: 0 },
    ]);
  });

  it("takes a roster frame's agents over those it holds, and keeps the others", async () => {
    const { host } = fakeHost();
    const team = await connected(host);
    const ben: AgentSummary = { id: "b1", name: "Ben", status: "online", open: 0, limit: 3 };
    server({ type: "agents", agents: [ben] });
    server({
      type: "agents",
      agents: [
        { ...me("away"), open: 2 },
        { ...ben, open: 1 },
      ],
    });
    expect(team.me).toMatchObject({ status: "away", open: 2 });
    expect([...team.agents.values()]).toEqual([
      { ...me("away"), open: 2 },
      { ...ben, open: 1 },
    ]);
    // An empty or malformed roster frame is dropped, not half applied.
    server({ type: "agents", agents: [{ id: "b1" }] });
    expect(team.agents.get("b1")).toMatchObject({ open: 1 });
  });

  it("ignores frames that do not pass their checks", async () => {
    const { host } = fakeHost();
    const team = await connected(host);
    server({ type: "assigned", conversation: { id: "c2" } });
    last().receive("not json");
    expect(team.inbox.map((c) => c.id)).toEqual(["c1"]);
  });

  it("counts a visitor's live message as unread and tells the host", async () => {
    const { host, calls } = fakeHost();
    const team = await connected(host);
    server({ type: "history", conversationId: "c1", messages: [message(1)] });
    server({ type: "message", ...message(2) });
    expect(team.unread.get("c1")).toBe(1);
    expect(calls.wrote.map((m) => m.seq)).toEqual([2]);
    expect(team.inbox[0]!.lastMessage?.text).toBe("m2");
    team.markSeen("c1");
    expect(team.unread.has("c1")).toBe(false);
  });

  it("shows a colleague's labels at once: inbox and queue summaries take a labels frame", async () => {
    const { host } = fakeHost();
    const team = await connected(host, [summary("c1", { labels: ["bug"] })]);
    server({ type: "queue", queue: [summary("q1", { state: "queued", agentId: null })] });
    server({ type: "labels", conversationId: "c1", labels: ["refund", "bug"] });
    server({ type: "labels", conversationId: "q1", labels: ["vip"] });
    // A frame that fails its check changes nothing.
    server({ type: "labels", conversationId: "c1", labels: "refund" });
    expect(team.conversation("c1")?.labels).toEqual(["refund", "bug"]);
    expect(team.queue[0]!.labels).toEqual(["vip"]);
    server({ type: "labels", conversationId: "c1", labels: [] });
    expect(team.inbox[0]!.labels).toEqual([]);
  });

  it("asks for what it missed when the seqs jump", async () => {
    const { host } = fakeHost();
    await connected(host);
    server({ type: "history", conversationId: "c1", messages: [message(1)] });
    server({ type: "message", ...message(4) });
    expect(last().frames().at(-1)).toEqual({ type: "history", conversationId: "c1", afterSeq: 1 });
  });

  it("after a reconnect resumes the history, resends unacked replies and restores presence", async () => {
    const { host } = fakeHost("away");
    const team = await connected(host);
    server({ type: "history", conversationId: "c1", messages: [message(1)] });
    last().serverClose(1006);
    expect(team.ready).toBe(false);
    // Written while disconnected: kept, and sent once the team is back.
    expect(team.reply("c1", "still there?", "Ana")).toBe(true);
    const offline = team.transcript("c1").entries.at(-1)!;
    // A working connection was lost: the retry comes within a second (client/backoff.ts).
    await vi.advanceTimersByTimeAsync(1_000);
    expect(sockets).toHaveLength(2);
    last().open();
    server({
      type: "snapshot",
      teamId: "support",
      me: me(),
      inbox: [summary("c1")],
      queue: [],
      agents: [],
      unread: {},
    });
    expect(last().frames()).toEqual([
      { type: "hello" },
      { type: "presence", status: "away" },
      { type: "history", conversationId: "c1", afterSeq: 1 },
      { type: "message", conversationId: "c1", clientId: offline.clientId, text: "still there?" },
    ]);
    server({ type: "ack", conversationId: "c1", clientId: offline.clientId, seq: 2 });
    expect(team.transcript("c1").entries.at(-1)!.delivery).toBe("sent");
    expect(team.inbox[0]!.waitingSince).toBeNull();
  });

  it("sends a private note as a note, resends it as one after a reconnect, and keeps the visitor waiting", async () => {
    const { host } = fakeHost();
    const team = await connected(host, [summary("c1", { waitingSince: 1_000 })]);
    server({ type: "history", conversationId: "c1", messages: [message(1)] });
    expect(team.note("c1", "refund approved", "Ana")).toBe(true);
    const note = team.transcript("c1").entries.at(-1)!;
    expect(note).toMatchObject({ from: "note", text: "refund approved", delivery: "sending" });
    expect(last().frames().at(-1)).toEqual({
      type: "note",
      conversationId: "c1",
      clientId: note.clientId,
      text: "refund approved",
    });
    // Lost before its ack: resent as a note, never as a message to the visitor.
    last().serverClose(1006);
    await vi.advanceTimersByTimeAsync(30_000);
    last().open();
    server({
      type: "snapshot",
      teamId: "support",
      me: me(),
      inbox: [summary("c1", { waitingSince: 1_000 })],
      queue: [],
      agents: [],
      unread: {},
    });
    expect(
      last()
        .frames()
        .filter((frame) => frame.clientId === note.clientId),
    ).toEqual([{ type: "note", conversationId: "c1", clientId: note.clientId, text: "refund approved" }]);
    server({ type: "ack", conversationId: "c1", clientId: note.clientId, seq: 2 });
    expect(team.transcript("c1").entries.at(-1)!.delivery).toBe("sent");
    expect(team.inbox[0]!.waitingSince).toBe(1_000);
    expect(team.note("c1", "   ", "Ana")).toBe(false);
  });

  it("fails the refused reply, and reports refusals of other things to the host", async () => {
    const { host, calls } = fakeHost();
    const team = await connected(host);
    team.reply("c1", "hello", "Ana");
    const clientId = String(last().frames().at(-1)?.clientId);
    server({ type: "error", code: "rate_limited", message: "slow down", clientId });
    expect(team.transcript("c1").entries.at(-1)!.delivery).toBe("failed");
    server({ type: "error", code: "over_limit", message: "You are at your limit" });
    expect(calls.refused).toEqual(["You are at your limit"]);
  });

  it("after a frame dropped over budget asks again for unanswered history and resends unacked replies", async () => {
    const { host, calls } = fakeHost("online");
    const team = await connected(host, [summary("c1"), summary("c2")]);
    // c1's history comes back; c2's request and the reply below are dropped by the server.
    server({ type: "history", conversationId: "c1", messages: [message(1)] });
    team.reply("c1", "one moment", "Ana");
    const reply = team.transcript("c1").entries.at(-1)!;
    const sentBefore = last().frames().length;
    server({ type: "error", code: "rate_limited", message: "too many frames; slow down" });
    server({ type: "error", code: "rate_limited", message: "too many frames; slow down" });
    // Nothing for the agent to read, and nothing sent into the still-empty budget.
    expect(calls.refused).toEqual([]);
    await vi.advanceTimersByTimeAsync(RESYNC_AFTER_DROP_MS - 1);
    expect(last().frames()).toHaveLength(sentBefore);
    await vi.advanceTimersByTimeAsync(1);
    // Once, however many errors came: c2's history again (not c1's, answered), the reply again.
    expect(last().frames().slice(sentBefore)).toEqual([
      { type: "history", conversationId: "c2", afterSeq: 0 },
      { type: "message", conversationId: "c1", clientId: reply.clientId, text: "one moment" },
    ]);
    server({ type: "history", conversationId: "c2", messages: [message(1, { conversationId: "c2" })] });
    server({ type: "ack", conversationId: "c1", clientId: reply.clientId, seq: 2 });
    expect(team.transcript("c2").entries.map((entry) => entry.text)).toEqual(["m1"]);
    expect(team.transcript("c1").entries.at(-1)!.delivery).toBe("sent");
    // Everything answered: a later drop resends nothing.
    server({ type: "error", code: "rate_limited", message: "too many frames; slow down" });
    await vi.advanceTimersByTimeAsync(RESYNC_AFTER_DROP_MS);
    expect(last().frames()).toHaveLength(sentBefore + 2);
  });

  it("moves an assigned conversation out of the queue and into the inbox, and out on unassigned", async () => {
    const { host, calls } = fakeHost();
    const team = await connected(host, []);
    server({ type: "queue", queue: [summary("c2", { state: "queued", agentId: null })] });
    expect(team.standing("c2")).toBe("queued");
    server({ type: "assigned", conversation: summary("c2"), unread: 0 });
    expect(team.standing("c2")).toBe("assigned");
    expect(team.queue).toEqual([]);
    expect(calls.assigned).toEqual(["c2"]);
    server({ type: "unassigned", conversationId: "c2", reason: "closed" });
    expect(team.standing("c2")).toBe("ended");
    expect(team.ended.get("c2")).toBe("closed");
    // It keeps its name after leaving the lists.
    expect(team.conversation("c2")?.visitorName).toBe("Visitor c2");
  });

  it("shows the transcript that came with an assignment without asking for it; asks when none came", async () => {
    const { host } = fakeHost();
    const team = await connected(host, []);
    const sentBefore = last().frames().length;
    const lines = [message(1, { conversationId: "c2" }), message(2, { conversationId: "c2" })];
    server({ type: "assigned", conversation: summary("c2", { lastSeq: 2 }), unread: 1, messages: lines });
    expect(team.heldTranscript("c2")?.entries.map((entry) => entry.seq)).toEqual([1, 2]);
    expect(last().frames()).toHaveLength(sentBefore);
    // A long transcript does not come along: it is asked for from the start.
    server({ type: "assigned", conversation: summary("c3", { lastSeq: 80 }), unread: 1 });
    expect(last().frames().at(-1)).toEqual({ type: "history", conversationId: "c3", afterSeq: 0 });
  });

  it("takes unread counts from the server's read pointer and sends one read per burst", async () => {
    const { host } = fakeHost();
    const team = await connected(host, [summary("c1", { lastSeq: 3 }), summary("c2")], { c1: 2 });
    expect(team.unread.get("c1")).toBe(2);
    server({ type: "assigned", conversation: summary("c3", { lastSeq: 1 }), unread: 1 });
    expect(team.unread.get("c3")).toBe(1);

    // On screen: cleared at once; the pointer goes to the server after a pause, once.
    const sent = last().frames().length;
    expect(team.readUpTo("c1")).toBe(true);
    expect(team.readUpTo("c1")).toBe(false);
    expect(team.readUpTo("c3")).toBe(true);
    expect(last().frames().length).toBe(sent);
    await vi.advanceTimersByTimeAsync(500);
    expect(last().frames().slice(sent)).toEqual([
      { type: "read", conversationId: "c1", seq: 3 },
      { type: "read", conversationId: "c3", seq: 1 },
    ]);

    // Another tab or device moved the pointer: what the server says is left, here too.
    server({ type: "message", ...message(4, { conversationId: "c2" }) });
    expect(team.unread.get("c2")).toBe(1);
    server({ type: "read", conversationId: "c2", seq: 4, unread: 0 });
    expect(team.unread.has("c2")).toBe(false);
    server({ type: "read", conversationId: "c1", seq: 3, unread: 1 });
    expect(team.unread.get("c1")).toBe(1);
  });
});
