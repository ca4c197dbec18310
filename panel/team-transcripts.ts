/**
 * The transcripts one team's socket holds (the conversations the agent opened or was given),
 * with the visitors' ratings, the `history` requests still unanswered on this socket, and
 * the agent's own entries in them until acked (sent, resent after a reconnect, failed).
 * A transcript is filled from history pages and from a short transcript that came with an
 * assignment; a request is asked only while the socket is ready and is forgotten when it
 * closes (the snapshot after a reconnect asks for everything again). Owned by `TeamConnection`.
 */
import type { AgentFrameIn, ChatMessage, CsatRating } from "../protocol/wire";
import { Delivery, Transcript, type TranscriptEntry } from "../client/transcript";

export class TeamTranscripts {
  /** Visitors' ratings of closed conversations, by conversation (live and from histories). */
  readonly ratings = new Map<string, CsatRating>();
  private readonly held = new Map<string, Transcript>();
  /** Conversations whose history request has not been answered on this socket yet. */
  private readonly asked = new Set<string>();

  constructor(
    private readonly ready: () => boolean,
    private readonly send: (frame: AgentFrameIn) => void,
  ) {}

  /** The transcript if already held, without loading it. */
  get(conversationId: string): Transcript | undefined {
    return this.held.get(conversationId);
  }

  /** The transcript of a conversation; the first ask for one loads its history. */
  open(conversationId: string): Transcript {
    let transcript = this.held.get(conversationId);
    if (!transcript) {
      transcript = new Transcript();
      this.held.set(conversationId, transcript);
      this.load(conversationId);
    }
    return transcript;
  }

  /** Messages of a conversation from the server (a history page, or with its assignment). */
  take(conversationId: string, messages: readonly ChatMessage[], rating?: CsatRating): void {
    let transcript = this.held.get(conversationId);
    if (!transcript) this.held.set(conversationId, (transcript = new Transcript()));
    for (const message of messages) transcript.receive(message);
    if (rating) this.ratings.set(conversationId, rating);
  }

  /** Asks for the messages after the last one held (all of them for a new transcript). */
  load(conversationId: string): void {
    const afterSeq = this.held.get(conversationId)?.lastSeq(conversationId) ?? 0;
    if (!this.ready()) return;
    this.asked.add(conversationId);
    this.send({ type: "history", conversationId, afterSeq });
  }

  /** A history page came (or the request was refused for good): not to be asked again. */
  answered(conversationId: string): void {
    this.asked.delete(conversationId);
  }

  /** Asks again for every history still unanswered (a request dropped over the budget). */
  askAgain(): void {
    for (const conversationId of [...this.asked]) this.load(conversationId);
  }

  /** My entries still waiting for an ack (failed ones wait for the agent's retry), oldest first. */
  private resendUnackedIn(conversationId: string): void {
    const transcript = this.held.get(conversationId);
    for (const entry of transcript?.outgoing().filter((own) => own.delivery === Delivery.sending) ?? [])
      this.sendOwn(conversationId, entry);
  }

  /** After a (re)connect: fill in every held transcript and resend what was never acked. */
  resume(): void {
    for (const conversationId of this.held.keys()) {
      this.load(conversationId);
      this.resendUnackedIn(conversationId);
    }
  }

  /** Resends every entry of mine still waiting for an ack (the server knows each by its clientId). */
  resendUnacked(): void {
    for (const conversationId of this.held.keys()) this.resendUnackedIn(conversationId);
  }

  /** Sends one of my entries as what it is: a reply, or a note. */
  sendOwn(conversationId: string, entry: TranscriptEntry): void {
    const type = entry.from === "note" ? "note" : "message";
    const files = entry.attachments?.map((file) => file.id);
    if (type === "message" && files)
      this.send({ type, conversationId, clientId: entry.clientId!, text: entry.text, attachments: files });
    else this.send({ type, conversationId, clientId: entry.clientId!, text: entry.text });
  }

  /** The server refused my entry `clientId` (in `conversationId`, or wherever it is): true if one was mine. */
  fail(clientId: string, conversationId: string | undefined, code: string): boolean {
    const candidates = conversationId ? [this.held.get(conversationId)] : [...this.held.values()];
    return candidates.some((transcript) => transcript?.fail(clientId, code));
  }

  /** The socket closed: nothing asked on it will be answered. */
  socketClosed(): void {
    this.asked.clear();
  }
}
