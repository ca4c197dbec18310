/**
 * The visitor's side of the chat, as a reactive controller: opens a session, keeps the socket
 * connected, resumes with `hello {lastSeq}`, sends messages with a clientId and resends the
 * unacked ones after every reconnect, and keeps the transcript and the status the view shows.
 * Lit-free (see `controller-host.ts`), so it can be driven by a fake host in tests.
 *
 * @example
 * class View extends LitElement { chat = new ChatConnection(this, config); }
 */
import type { VisitorFrameIn, VisitorFrameOut } from "../protocol";
import { ErrorCode } from "../protocol/error-codes";
import { MAX_HISTORY_MESSAGES, MAX_MESSAGE_CHARS } from "../protocol/limits";
import { newClientId } from "./client-id";
import type { ControllerHost } from "./controller-host";
import { readFrame } from "./frame-check";
import { ReconnectingSocket, SocketState, type FatalConnectError } from "./reconnecting-socket";
import { Transcript } from "./transcript";
import { visitorFrameChecks } from "./visitor-frame-checks";
import { openVisitorSession, socketUrl } from "./visitor-session";
import type { WidgetConfig } from "./widget-config";

export type VisitorStatusFrame = Extract<VisitorFrameOut, { type: "status" }>;

/** Send `typing {on: true}` at most this often while the visitor keeps typing. */
const TYPING_REFRESH_MS = 3_000;
/** After this long without a keystroke the visitor stopped typing. */
const TYPING_IDLE_MS = 4_000;
/** An agent's typing indicator disappears by itself if its "off" never comes. */
const TYPING_SHOWN_MS = 6_000;
/** A message refused for rate limiting is retried after this long. */
const RATE_LIMIT_RETRY_MS = 5_000;

export class ChatConnection {
  readonly transcript = new Transcript();
  /** The last status the server sent; null before the first welcome. */
  status: VisitorStatusFrame | null = null;
  socketState: SocketState = SocketState.idle;
  /** True between a welcome and the socket closing: frames sent now are answered. */
  ready = false;
  /** True once any welcome arrived, to tell "connecting" from "reconnecting". */
  everConnected = false;
  /** Who is typing: the agent's name, "" for an unnamed agent, null for nobody. */
  typing: string | null = null;
  /** Agent and system messages that arrived while the chat was not visible. */
  unread = 0;
  /** Set when connecting cannot succeed (origin not allowed, unknown site). */
  fatal: FatalConnectError | null = null;

  private conversationId: string | null = null;
  private visible = false;
  /** The last `read` sent, as "conversation#seq" (seqs restart in each conversation). */
  private readMark = "";
  private typingSentAt = 0;
  private typingIdle: ReturnType<typeof setTimeout> | undefined;
  private typingShown: ReturnType<typeof setTimeout> | undefined;
  private readonly socket: ReconnectingSocket;

  constructor(
    private readonly host: ControllerHost,
    private readonly config: WidgetConfig,
  ) {
    this.socket = new ReconnectingSocket({
      url: () => this.sessionUrl(),
      onOpen: () => this.hello(),
      onText: (text) => this.receive(text),
      onState: (state) => {
        this.socketState = state;
        if (state !== SocketState.open) this.ready = false;
        this.host.requestUpdate();
      },
      onFatal: (error) => {
        this.fatal = error;
        this.host.requestUpdate();
      },
    });
    host.addController(this);
  }

  /** The view is created when the visitor first opens the chat: connect then, not before. */
  hostConnected(): void {
    this.socket.start();
  }

  hostDisconnected(): void {
    this.socket.stop();
  }

  /** Whether the visitor can see the transcript; seen messages are marked read. */
  setVisible(visible: boolean): void {
    this.visible = visible;
    if (visible) {
      this.unread = 0;
      this.markRead();
      this.socket.reconnectNow();
    }
    this.host.requestUpdate();
  }

  /** Queues a message and sends it now if connected; it shows as sending until acked. */
  send(text: string): boolean {
    if (text.trim() === "" || text.length > MAX_MESSAGE_CHARS) return false;
    const entry = this.transcript.addOwn(newClientId(), "visitor", text, Date.now());
    this.stopTyping();
    if (this.ready) this.sendFrame({ type: "message", clientId: entry.clientId!, text });
    this.host.requestUpdate();
    return true;
  }

  /** Sends a failed message again, under the same clientId so it is stored at most once. */
  retry(clientId: string): void {
    const entry = this.transcript.retry(clientId);
    if (entry && this.ready) this.sendFrame({ type: "message", clientId, text: entry.text });
    this.host.requestUpdate();
  }

  /** Called on every keystroke in the composer; throttled to a frame every few seconds. */
  noteTyping(): void {
    if (!this.ready || this.conversationId === null) return;
    const now = Date.now();
    if (now - this.typingSentAt > TYPING_REFRESH_MS) {
      this.typingSentAt = now;
      this.sendFrame({ type: "typing", on: true });
    }
    clearTimeout(this.typingIdle);
    this.typingIdle = setTimeout(() => this.stopTyping(), TYPING_IDLE_MS);
  }

  private stopTyping(): void {
    clearTimeout(this.typingIdle);
    if (this.typingSentAt === 0) return;
    this.typingSentAt = 0;
    if (this.ready) this.sendFrame({ type: "typing", on: false });
  }

  private async sessionUrl(): Promise<string> {
    const session = await openVisitorSession(this.config);
    // The open conversation may have changed while we were away (closed, or started in
    // another tab): resume it from what we hold of it, which is nothing if it is new to us.
    this.conversationId = session.conversationId;
    return socketUrl(this.config.apiOrigin, session.connectPath, session.ticket);
  }

  private hello(): void {
    this.sendFrame({ type: "hello", lastSeq: this.transcript.lastSeq(this.conversationId) });
  }

  private receive(text: string): void {
    const frame = readFrame<VisitorFrameOut>(text, visitorFrameChecks);
    if (!frame) return;
    switch (frame.type) {
      case "welcome":
        this.conversationId = frame.conversation?.id ?? null;
        for (const message of frame.messages) this.transcript.receive(message);
        if (frame.messages.length >= MAX_HISTORY_MESSAGES) {
          // A full page: there is more; ask again from where this one ended.
          this.hello();
          return;
        }
        this.ready = true;
        this.everConnected = true;
        this.flush();
        if (this.visible) this.markRead();
        break;
      case "status":
        this.status = frame;
        if (frame.state === "closed") this.showTyping(null);
        break;
      case "message": {
        const before = this.transcript.lastSeq(frame.conversationId);
        if (!this.transcript.receive(frame)) return;
        this.conversationId = frame.conversationId;
        if (frame.from !== "visitor") {
          this.showTyping(null);
          if (this.visible) this.markRead();
          else this.unread++;
        }
        // A hole in the seqs means a frame was missed: the welcome fills it in.
        if (before > 0 && frame.seq > before + 1) this.hello();
        break;
      }
      case "ack":
        this.conversationId = frame.conversationId;
        this.transcript.ack(frame.clientId, frame.conversationId, frame.seq);
        break;
      case "typing":
        this.showTyping(frame.on ? (frame.name ?? "") : null);
        break;
      case "error":
        if (frame.clientId !== undefined && this.transcript.fail(frame.clientId, frame.code)) {
          const clientId = frame.clientId;
          if (frame.code === ErrorCode.rateLimited || frame.code === ErrorCode.internal) {
            setTimeout(() => this.retry(clientId), RATE_LIMIT_RETRY_MS);
          }
        }
        break;
    }
    this.host.requestUpdate();
  }

  /** Sends every message still waiting for an ack, oldest first, under its own clientId. */
  private flush(): void {
    for (const entry of this.transcript.unacked()) {
      this.sendFrame({ type: "message", clientId: entry.clientId!, text: entry.text });
    }
  }

  private markRead(): void {
    const seq = this.transcript.lastSeq(this.conversationId);
    const mark = `${this.conversationId}#${seq}`;
    if (!this.ready || seq === 0 || mark === this.readMark) return;
    this.readMark = mark;
    this.sendFrame({ type: "read", seq });
  }

  private showTyping(who: string | null): void {
    this.typing = who;
    clearTimeout(this.typingShown);
    if (who !== null) {
      this.typingShown = setTimeout(() => {
        this.typing = null;
        this.host.requestUpdate();
      }, TYPING_SHOWN_MS);
    }
  }

  private sendFrame(frame: VisitorFrameIn): void {
    this.socket.send(JSON.stringify(frame));
  }
}
