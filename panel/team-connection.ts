/**
 * One team's socket as an agent sees it: the snapshot (me, inbox, queue, agents), live
 * updates, the team's figures (`stats`), the transcripts of the conversations the agent
 * opened, and the agent's own messages until acked. After every reconnect it asks
 * `history {afterSeq}` for what it holds and resends unacked replies by clientId, so
 * nothing is missing or doubled. The lists it keeps are `TeamLists`', the transcripts
 * `TeamTranscripts`', the unread markers `ReadPointers`' (`read-pointers.ts`). Lit-free; the panel's `AgentDesk` owns one per team.
 */
import type {
  AgentFrameIn,
  AttachmentRef,
  AgentFrameOut,
  ChatMessage,
  ConversationSummary,
  CsatRating,
  PresenceStatus,
} from "../protocol/wire";
import {
  ErrorCode,
  MAX_HISTORY_MESSAGES,
  MAX_MESSAGE_CHARS,
  RESYNC_AFTER_DROP_MS,
  type Handover,
} from "../protocol/wire";
import { newClientId } from "../client/client-id";
import { readFrame } from "../client/frame-check";
import { ReconnectingSocket, SocketState, type FatalConnectError } from "../client/reconnecting-socket";
import type { Transcript } from "../client/transcript";
import { agentFrameChecks } from "./agent-frame-checks";
import { applyQueueUpdate } from "./queue-state";
import { ReadPointers } from "./read-pointers";
import { TeamLists } from "./team-lists";
import { TeamTranscripts } from "./team-transcripts";
import { TypingSignals } from "./typing-signals";

export type TeamStats = Extract<AgentFrameOut, { type: "stats" }>;

/** Where a conversation goes: a colleague of this team, or another team. */
export type TransferTarget = { toAgentId: string } | { toTeamId: string };

export interface TeamHost {
  /** Something the panel shows changed. */
  changed(): void;
  /** Presence the agent chose for this team in this browser session, re-applied after reconnects. */
  wantedPresence(team: TeamConnection): PresenceStatus | null;
  /** A conversation was just assigned to me. */
  assigned(team: TeamConnection, conversationId: string): void;
  /** A visitor wrote in one of my conversations (not a replay). */
  visitorWrote(team: TeamConnection, message: ChatMessage): void;
  /** A conversation joined the queue while I am online. */
  queued(team: TeamConnection, conversation: ConversationSummary): void;
  /** The server refused something not tied to a message (claim over the limit, …). */
  refused(message: string): void;
  fatal(error: FatalConnectError): void;
}

export class TeamConnection extends TeamLists {
  /** True between a snapshot and the socket closing. */
  ready = false;
  socketState: SocketState = SocketState.idle;
  /** My unread markers and the read pointer behind them (`read-pointers.ts`). */
  private readonly reads = new ReadPointers((frame) => this.send(frame));
  /** Typing both ways; `typing.visitors` are the conversations whose visitor is typing. */
  readonly typing = new TypingSignals(() => this.host.changed());
  /** Chats handed on from me while I was away or offline, newest last, until dismissed. */
  handedOn: Handover[] = [];
  /** The team's figures, from the last `stats` answer. */
  stats: TeamStats | null = null;
  /** The transcripts I hold, their ratings and the history requests in flight (`team-transcripts.ts`). */
  private readonly transcripts = new TeamTranscripts(
    () => this.ready,
    (frame) => this.send(frame),
  );
  private resyncTimer: ReturnType<typeof setTimeout> | undefined;
  /** Off until the first queue after going online, which lists who was already waiting. */
  private alertOnQueue = false;
  private readonly socket: ReconnectingSocket;

  constructor(
    readonly teamId: string,
    readonly teamName: string,
    url: () => Promise<string>,
    private readonly host: TeamHost,
  ) {
    super();
    this.socket = new ReconnectingSocket({
      url,
      onOpen: () => this.send({ type: "hello" }),
      onText: (text) => this.receive(text),
      onState: (state) => {
        this.socketState = state;
        if (state !== SocketState.open) {
          // The snapshot after a reconnect asks for everything again (resume).
          this.ready = false;
          this.transcripts.socketClosed();
          clearTimeout(this.resyncTimer);
          this.resyncTimer = undefined;
        }
        host.changed();
      },
      onFatal: (error) => host.fatal(error),
    });
  }

  start(): void {
    this.socket.start();
  }

  stop(): void {
    clearTimeout(this.resyncTimer);
    this.reads.stop();
    this.socket.stop();
  }

  /** The agent read the handover notice. */
  dismissHandovers(): void {
    this.handedOn = [];
    this.host.changed();
  }

  /** The transcript of a conversation; opening one loads its history. */
  transcript(conversationId: string): Transcript {
    return this.transcripts.open(conversationId);
  }

  /** The transcript if already loaded, without loading it. */
  heldTranscript(conversationId: string): Transcript | undefined {
    return this.transcripts.get(conversationId);
  }

  /** Visitor messages not yet seen, per conversation; the same in every tab and device. */
  get unread(): ReadonlyMap<string, number> {
    return this.reads.unread;
  }

  markSeen(conversationId: string): void {
    if (this.readUpTo(conversationId)) this.host.changed();
  }

  /**
   * The conversation is on my screen: nothing in it is unread. Moves my server-side pointer
   * to its last message (sent after a short pause, so a burst of messages is one frame).
   * True when something was unread here.
   */
  readUpTo(conversationId: string): boolean {
    return this.reads.readUpTo(
      conversationId,
      () =>
        this.conversation(conversationId)?.lastSeq ??
        this.transcripts.get(conversationId)?.lastSeq(conversationId) ??
        0,
    );
  }

  setPresence(status: PresenceStatus): void {
    this.alertOnQueue = false;
    this.send({ type: "presence", status });
  }

  claim(conversationId: string): void {
    this.send({ type: "claim", conversationId });
  }

  close(conversationId: string): void {
    this.send({ type: "close", conversationId });
  }

  transfer(conversationId: string, target: TransferTarget, note: string): void {
    const trimmed = note.trim();
    this.send({ type: "transfer", conversationId, ...target, ...(trimmed ? { note: trimmed } : {}) });
  }

  /** Moves the conversation up one support tier. */
  escalate(conversationId: string): void {
    this.send({ type: "escalate", conversationId });
  }

  /** Asks for the team's figures; the answer lands in `stats`. */
  requestStats(): void {
    if (this.ready) this.send({ type: "stats" });
  }

  /** Adds my reply to the transcript and sends it now if connected, else after reconnecting. */
  /** A reply, with the files already uploaded for it (then the text may be empty). */
  reply(
    conversationId: string,
    text: string,
    authorName: string,
    attachments: AttachmentRef[] = [],
  ): boolean {
    return this.write(conversationId, "agent", text, authorName, attachments);
  }

  /** A private note for agents only; queued and resent like a reply. */
  note(conversationId: string, text: string, authorName: string): boolean {
    return this.write(conversationId, "note", text, authorName);
  }

  retry(conversationId: string, clientId: string): void {
    const entry = this.transcripts.get(conversationId)?.retry(clientId);
    if (entry && this.ready) this.transcripts.sendOwn(conversationId, entry);
    this.host.changed();
  }

  private write(
    conversationId: string,
    from: "agent" | "note",
    text: string,
    authorName: string,
    attachments: AttachmentRef[] = [],
  ): boolean {
    if ((text.trim() === "" && attachments.length === 0) || text.length > MAX_MESSAGE_CHARS) return false;
    const entry = this.transcript(conversationId).addOwn(newClientId(), from, text, Date.now(), authorName);
    if (attachments.length > 0) entry.attachments = attachments;
    // A note is not a reply: the visitor is not told the agent stopped typing a note.
    if (from === "agent") this.stopTyping(conversationId);
    if (this.ready) this.transcripts.sendOwn(conversationId, entry);
    this.host.changed();
    return true;
  }

  /** Called on keystrokes in the reply box; throttled. */
  noteTyping(conversationId: string): void {
    if (
      this.ready &&
      this.isMine(conversationId) &&
      this.typing.shouldSendStart(conversationId, Date.now())
    ) {
      this.send({ type: "typing", conversationId, on: true });
    }
  }

  /** The reply box was emptied or left: tell the visitor I stopped. */
  stopTyping(conversationId: string): void {
    if (this.typing.shouldSendStop(conversationId) && this.ready)
      this.send({ type: "typing", conversationId, on: false });
  }

  /** Visitors' ratings of closed conversations, by conversation (live and from histories). */
  get ratings(): ReadonlyMap<string, CsatRating> {
    return this.transcripts.ratings;
  }

  /**
   * A frame of mine was dropped over budget. Once the budget refilled: ask again for every
   * history still unanswered, resend every reply not yet acked (the server knows each by its
   * clientId, so one already stored is acked, not stored twice) and restore my presence.
   */
  private resyncSoon(): void {
    if (this.resyncTimer !== undefined) return;
    this.resyncTimer = setTimeout(() => {
      this.resyncTimer = undefined;
      if (!this.ready) return;
      this.restorePresence();
      this.transcripts.askAgain();
      this.transcripts.resendUnacked();
    }, RESYNC_AFTER_DROP_MS);
  }

  private receive(text: string): void {
    const frame = readFrame<AgentFrameOut>(text, agentFrameChecks);
    if (!frame) return;
    switch (frame.type) {
      case "snapshot":
        this.me = frame.me;
        this.queue = frame.queue;
        this.inboxById.clear();
        for (const conversation of frame.inbox) this.inboxById.set(conversation.id, conversation);
        this.remember(frame.inbox, frame.queue);
        this.agents.clear();
        for (const agent of frame.agents) this.agents.set(agent.id, agent);
        this.reads.reset(frame.unread);
        this.ready = true;
        this.alertOnQueue = frame.me.status === "online";
        this.resume();
        break;
      case "assigned":
        this.inboxById.set(frame.conversation.id, frame.conversation);
        this.remember([frame.conversation]);
        this.queue = this.queue.filter((queued) => queued.id !== frame.conversation.id);
        this.ended.delete(frame.conversation.id);
        if (frame.unread > 0) this.reads.set(frame.conversation.id, frame.unread);
        // A short transcript came with it; a longer one is asked for.
        if (frame.messages) this.transcripts.take(frame.conversation.id, frame.messages, frame.rating);
        else this.transcripts.load(frame.conversation.id);
        this.host.assigned(this, frame.conversation.id);
        break;
      case "unassigned":
        this.inboxById.delete(frame.conversationId);
        this.ended.set(frame.conversationId, frame.reason);
        this.typing.forget(frame.conversationId);
        break;
      case "handovers":
        this.handedOn = [...this.handedOn, ...frame.handovers];
        break;
      case "queue":
        this.takeQueue(frame.queue, frame.queue);
        break;
      case "queue_update":
        // One event's change (arrivals, departures, a new message): the whole queue comes only
        // with the snapshot and when I go online. A list that drifted while I was online and
        // in sync asks for a fresh snapshot.
        this.takeQueue(applyQueueUpdate(this.queue, frame), frame.entries);
        if (this.ready && this.me?.status === "online" && this.queue.length !== frame.length)
          this.send({ type: "hello" });
        break;
      case "agents":
        // Only the agents that changed since what I hold (coalesced per roster tick).
        for (const agent of frame.agents) {
          this.agents.set(agent.id, agent);
          if (agent.id === this.me?.id) this.me = agent;
        }
        break;
      case "history": {
        this.transcripts.answered(frame.conversationId);
        this.transcripts.take(frame.conversationId, frame.messages, frame.rating);
        // A full page means there is more.
        if (frame.messages.length >= MAX_HISTORY_MESSAGES) this.transcripts.load(frame.conversationId);
        break;
      }
      case "message":
        this.onMessage(frame);
        break;
      case "labels":
        this.relabel(frame.conversationId, frame.labels);
        break;
      case "rating":
        this.transcripts.ratings.set(frame.rating.conversationId, frame.rating);
        // The lead's figures include it: ask again rather than wait for the next refresh.
        if (this.stats) this.requestStats();
        break;
      case "ack": {
        // My own replies never come back as `message` frames: the ack is what updates the summary.
        const entry = this.transcripts
          .get(frame.conversationId)
          ?.ack(frame.clientId, frame.conversationId, frame.seq);
        if (entry) this.noteLast(frame.conversationId, { ...entry, seq: frame.seq });
        break;
      }
      case "typing":
        this.typing.visitor(frame.conversationId, frame.on);
        break;
      case "stats":
        this.stats = frame;
        break;
      case "read":
        // My pointer moved on another tab or device (or this one): what is left unread there.
        this.reads.set(frame.conversationId, frame.unread);
        break;
      case "error":
        if (frame.clientId !== undefined) {
          if (this.transcripts.fail(frame.clientId, frame.conversationId, frame.code)) break;
        }
        // A refused history request (the conversation is not mine) is not asked again.
        if (frame.conversationId !== undefined && frame.code !== ErrorCode.rateLimited)
          this.transcripts.answered(frame.conversationId);
        // Dropped unread over the socket's budget: asked again shortly, nothing for the agent to do.
        if (frame.code === ErrorCode.rateLimited && frame.clientId === undefined) this.resyncSoon();
        else this.host.refused(frame.message);
        break;
    }
    this.host.changed();
  }

  /** The queue as it is now; `changed`: the entries that arrived or changed in this frame. */
  private takeQueue(queue: ConversationSummary[], changed: readonly ConversationSummary[]): void {
    const before = new Set(this.queue.map((queued) => queued.id));
    this.queue = queue;
    if (this.alertOnQueue)
      for (const queued of changed)
        if (!before.has(queued.id) && !this.known.has(queued.id)) this.host.queued(this, queued);
    this.alertOnQueue = true;
    this.remember([...changed]);
    // A queued conversation open in the view gets no live messages: catch up by seq.
    for (const queued of changed) this.catchUp(queued);
  }

  /** After a (re)connect: fill in every held transcript, resend what was never acked, restore presence. */
  private resume(): void {
    this.restorePresence();
    this.transcripts.resume();
    for (const conversation of this.inboxById.values()) this.transcript(conversation.id);
  }

  /** The presence I chose in this browser session, if the server holds another. */
  private restorePresence(): void {
    const wanted = this.host.wantedPresence(this);
    if (wanted && wanted !== this.me?.status) this.setPresence(wanted);
  }

  private onMessage(message: ChatMessage): void {
    const transcript = this.transcripts.get(message.conversationId);
    const before = transcript?.lastSeq(message.conversationId) ?? 0;
    if (transcript && !transcript.receive(message)) return;
    this.noteLast(message.conversationId, message);
    if (message.from === "visitor") {
      this.reads.visitorWrote(message.conversationId);
      this.typing.visitor(message.conversationId, false);
      this.host.visitorWrote(this, message);
    }
    if (!transcript) this.transcript(message.conversationId);
    // A hole in the seqs means a frame was missed while the socket was down.
    else if (message.seq > before + 1) this.transcripts.load(message.conversationId);
  }

  private catchUp(summary: ConversationSummary): void {
    const transcript = this.transcripts.get(summary.id);
    if (transcript && summary.lastSeq > transcript.lastSeq(summary.id)) this.transcripts.load(summary.id);
  }

  private send(frame: AgentFrameIn): void {
    this.socket.send(JSON.stringify(frame));
  }
}
