/**
 * The visitor's side of the chat, as a reactive controller: opens a session, keeps the socket
 * connected, resumes with `hello {lastSeq}`, sends messages (and offline-form messages) with a
 * clientId and resends the unacked ones after every reconnect, and keeps the transcript and
 * the status the view shows. Lit-free (see `controller-host.ts`), so it can be driven by a
 * fake host in tests.
 * What happens to each of the visitor's messages until it is acked is the `Outbox`'s.
 *
 * @example
 * class View extends LitElement { chat = new ChatConnection(this, config, hooks); }
 */
import type {
  AttachmentRef,
  ChatMessage,
  VisitorFrameIn,
  VisitorFrameOut,
  VisitorSessionResponse,
} from "../protocol/wire";
import { CloseCode, ErrorCode, MAX_HISTORY_MESSAGES, MAX_MESSAGE_CHARS } from "../protocol/wire";
import { newClientId } from "../client/client-id";
import type { ControllerHost } from "../client/controller-host";
import { readFrame } from "../client/frame-check";
import { ReconnectingSocket, SocketState, type FatalConnectError } from "../client/reconnecting-socket";
import { ResumeTicket } from "../client/resume-ticket";
import { Transcript } from "../client/transcript";
import { Outbox } from "./outbox";
import { visitorFrameChecks } from "./visitor-frame-checks";
import { openVisitorSession, socketUrl } from "./visitor-session";
import { ChatEvent, type TabMessage, type WidgetConfig } from "./widget-config";

export type VisitorStatusFrame = Extract<VisitorFrameOut, { type: "status" }>;

/** What the connection tells the world beyond its view. */
export interface ChatHooks {
  /** For the host page's listeners (`EdgeChat("on", …)`). */
  emit(name: ChatEvent, data?: unknown): void;
  /** For the site's other tabs. */
  tab(message: TabMessage): void;
  /** A live message from an agent or the team: to announce, maybe with a chime. */
  incoming(message: ChatMessage): void;
}

/** Send `typing {on: true}` at most this often while the visitor keeps typing. */
const TYPING_REFRESH_MS = 3_000;
/** After this long without a keystroke the visitor stopped typing. */
const TYPING_IDLE_MS = 4_000;
/** An agent's typing indicator disappears by itself if its "off" never comes. */
const TYPING_SHOWN_MS = 6_000;

export class ChatConnection extends Outbox {
  /** The last status the server sent; null before the first welcome. */
  status: VisitorStatusFrame | null = null;
  socketState: SocketState = SocketState.idle;
  /** True once any welcome arrived, to tell "connecting" from "reconnecting". */
  everConnected = false;
  /** Who is typing: the agent's name, "" for an unnamed agent, null for nobody. */
  typing: string | null = null;
  /** Agent and system messages not seen: after the server's read pointer, or while hidden. */
  unread = 0;
  /** Set when connecting cannot succeed (origin not allowed, unknown site). */
  fatal: FatalConnectError | null = null;
  /** The visitor has a conversation that is not closed. */
  openConversation = false;
  /** A message was refused because the team is closed: the offline form takes over. */
  offlineFormForced = false;
  /** Text of a refused message, to put into the offline form. */
  offlineDraft = "";
  /** The last session (token and team), for the closed chat's rating and transcript. */
  session?: VisitorSessionResponse;

  #conversationId: string | null = null;
  #visible = false;
  /** The last `read` sent, as "conversation#seq" (seqs restart in each conversation). */
  #readMark = "";
  #typingSentAt = 0;
  #typingIdle: ReturnType<typeof setTimeout> | undefined;
  #typingShown: ReturnType<typeof setTimeout> | undefined;
  /** The welcome's ticket for the next reconnect without a session request; memory only. */
  readonly #resume = new ResumeTicket();
  readonly #socket: ReconnectingSocket;

  readonly #host: ControllerHost;
  #config: WidgetConfig;
  readonly #hooks: ChatHooks;

  constructor(host: ControllerHost, config: WidgetConfig, hooks: ChatHooks) {
    super();
    this.#host = host;
    this.#config = config;
    this.#hooks = hooks;
    this.#socket = new ReconnectingSocket({
      url: () => this.#url(),
      onOpen: () => this.#hello(),
      onText: (text) => this.#receive(text),
      onState: (state) => {
        this.socketState = state;
        if (state !== SocketState.open) this.ready = false;
        this.#host.requestUpdate();
      },
      onFatal: (error) => {
        this.fatal = error;
        this.#hooks.emit(ChatEvent.error, { code: error.code, message: error.message });
        this.#host.requestUpdate();
      },
      onClose: (code, opened) => {
        // Erased: what it showed goes; its unsent messages stay and go out.
        if (code === CloseCode.notFound) {
          this.transcript.forgetStored();
          this.#forget();
        }
        // Transferred: the session now lands in the new team, and the seqs are kept. A resume
        // that did not open (refused, or the server was not there): a session at once. Erased:
        // a session at once too, which finds nothing of what went.
        return (
          this.#resume.closed(code, opened) ||
          (opened && (code === CloseCode.transferred || code === CloseCode.notFound))
        );
      },
    });
    host.addController(this);
  }

  /** The view is created when the visitor first opens the chat: connect then, not before. */
  hostConnected(): void {
    this.#socket.start();
  }

  hostDisconnected(): void {
    this.#socket.stop();
    this.stopWaiting();
  }

  /** Whether the visitor can see the transcript; seen messages are marked read. */
  setVisible(visible: boolean): void {
    this.#visible = visible;
    if (visible) {
      this.unread = 0;
      this.#markRead();
      this.#socket.reconnectNow();
    }
    this.#host.requestUpdate();
  }

  /** Topics to offer: only before the first message of a conversation, if none is chosen. */
  get teamChoice() {
    return this.#config.team ||
      !this.everConnected ||
      this.openConversation ||
      this.transcript.outgoing().length > 0
      ? undefined
      : this.#config.teams;
  }

  /**
   * Whether the offline form takes the composer's place: while the team is closed and takes
   * one (once sent, the form shows that, also after a reload), or when a message was refused.
   */
  get offlineForm(): boolean {
    const status = this.status;
    return this.offlineFormForced || (status?.state === "away" && status.offlineForm === true);
  }

  /** The visitor picked a topic: a new session routes by it. */
  chooseTeam(team: string): void {
    this.#config = { ...this.#config, team };
    this.#renew();
  }

  /** Another user or language: a new session; `clear` forgets what this tab held. */
  reconfigure(config: WidgetConfig, clear: boolean): void {
    this.#config = {
      ...config,
      ...(this.#config.team && !config.team && !clear ? { team: this.#config.team } : {}),
    };
    if (clear) {
      this.transcript = new Transcript();
      this.#forget();
    }
    this.#renew();
  }

  /** This tab forgets the conversation it showed (the caller deals with its transcript). */
  #forget(): void {
    this.#conversationId = null;
    this.status = null;
    this.openConversation = this.offlineFormForced = this.everConnected = false;
    this.unread = 0;
  }

  /** Connects again now with a new session (another user, language or team), never a resume. */
  #renew(): void {
    this.#resume.grant = undefined;
    this.#socket.restart();
    this.#host.requestUpdate();
  }

  /**
   * Queues a message (with `files` already uploaded, then the text may be empty) and sends it
   * now if connected; it shows as sending until acked. `files` null: one is still uploading.
   */
  send(text: string, files?: AttachmentRef[] | null): boolean {
    if (files === null || (!files && text.trim() === "") || text.length > MAX_MESSAGE_CHARS) return false;
    this.#stopTyping();
    this.queue(text, files);
    return true;
  }

  /**
   * Adds one of the visitor's messages to the transcript and sends it (now, if connected);
   * `offline`: it is the offline form's (`offline-form.ts`), sent as an `offline` frame.
   */
  queue(text: string, files?: AttachmentRef[], offline?: { email: string; name?: string }): void {
    const entry = this.transcript.addOwn(newClientId(), "visitor", text, Date.now());
    entry.attachments = files;
    if (offline) this.offlineSent.set(entry.clientId!, offline);
    this.sendWaiting();
    this.#host.requestUpdate();
  }

  /** Sends a failed message again, under the same clientId so it is stored at most once. */
  override retry(clientId: string): void {
    this.transcript.retry(clientId);
    this.sendWaiting();
    if (!this.ready) this.#socket.reconnectNow();
    this.#host.requestUpdate();
  }

  /** Called on every keystroke in the composer; throttled to a frame every few seconds. */
  noteTyping(): void {
    if (!this.ready || !this.openConversation) return;
    const now = Date.now();
    if (now - this.#typingSentAt > TYPING_REFRESH_MS) {
      this.#typingSentAt = now;
      this.sendFrame({ type: "typing", on: true });
    }
    clearTimeout(this.#typingIdle);
    this.#typingIdle = setTimeout(() => this.#stopTyping(), TYPING_IDLE_MS);
  }

  /** Another tab read up to `seq`: what it read is not unread here either. */
  fromTab(message: TabMessage): void {
    if (
      message.t === "read" &&
      message.conversationId === this.#conversationId &&
      this.transcript.lastSeq(this.#conversationId) <= message.seq
    ) {
      this.unread = 0;
      this.#host.requestUpdate();
    }
  }

  #stopTyping(): void {
    clearTimeout(this.#typingIdle);
    if (this.#typingSentAt === 0) return;
    this.#typingSentAt = 0;
    if (this.ready) this.sendFrame({ type: "typing", on: false });
  }

  /**
   * Back on the welcome's resume ticket when one is held and alive (the upgrade alone, no
   * session request: what gets every client back quickly after a crash or a deploy), else a
   * new session (tickets are single-use; a session also re-routes). Tries alternate while the
   * server is down, so a resume ticket outlives the outage (`client/resume-ticket.ts`).
   */
  async #url(): Promise<string> {
    let ticket = this.#resume.next(Date.now());
    if (!ticket) {
      const session = await openVisitorSession(this.#config, (error) => {
        // Not in a loop: this page's user is dropped until the page sets another one.
        const { user: _refused, ...anonymous } = this.#config;
        this.#config = anonymous;
        console.warn(
          `EdgeChat: the chat refused the user (${error.path ?? error.code}: ${error.message}); continuing anonymously`,
        );
        this.#hooks.emit(ChatEvent.error, error);
      });
      // The open conversation may have changed while we were away (closed, or started in
      // another tab): resume it from what we hold of it, which is nothing if it is new to us.
      this.#conversationId = session.conversationId;
      this.session = session;
      ticket = session.ticket;
    }
    return socketUrl(this.#config.apiOrigin, this.session!.connectPath, ticket);
  }

  #hello(): void {
    this.sendFrame({ type: "hello", lastSeq: this.transcript.lastSeq(this.#conversationId) });
  }

  #receive(text: string): void {
    const frame = readFrame<VisitorFrameOut>(text, visitorFrameChecks);
    if (!frame) return;
    switch (frame.type) {
      case "welcome": {
        this.#conversationId = frame.conversation?.id ?? null;
        this.#resume.grant = frame.resume;
        this.openConversation = frame.conversation !== null && frame.conversation.state !== "closed";
        // What a resume brings was missed live: it is news. A first load is history, but what
        // the team wrote after the server's read pointer is unread (badge and preview, any page).
        const readSeq = frame.conversation?.readSeq ?? 0;
        for (const message of frame.messages) {
          if (!this.transcript.receive(message)) continue;
          if (this.everConnected) this.#arrived(message);
          else if (message.seq > readSeq && message.from !== "visitor" && !this.#visible) this.unread++;
        }
        if (frame.messages.length >= MAX_HISTORY_MESSAGES) {
          // A full page: there is more; ask again from where this one ended.
          this.#hello();
          return;
        }
        this.ready = true;
        this.everConnected = true;
        this.flush();
        if (this.#visible) this.#markRead();
        break;
      }
      case "status":
        this.#onStatus(frame);
        break;
      case "message": {
        const before = this.transcript.lastSeq(frame.conversationId);
        if (!this.transcript.receive(frame)) return;
        this.#conversationId = frame.conversationId;
        const { type: _message, ...message } = frame;
        this.#arrived(message);
        // A hole in the seqs means a frame was missed: the welcome fills it in.
        if (before > 0 && frame.seq > before + 1) this.#hello();
        break;
      }
      case "ack": {
        this.#conversationId = frame.conversationId;
        this.openConversation = true;
        this.offlineFormForced = false;
        this.settle(frame.clientId);
        const entry = this.transcript.ack(frame.clientId, frame.conversationId, frame.seq);
        const { type: _ack, ...ack } = frame;
        if (entry)
          this.#hooks.emit(ChatEvent.message, { ...ack, from: entry.from, text: entry.text, at: entry.at });
        break;
      }
      case "typing":
        this.#showTyping(frame.on ? (frame.name ?? "") : null);
        break;
      case "error":
        if (frame.clientId !== undefined) this.#refused(frame.clientId, frame.code);
        break;
    }
    this.#host.requestUpdate();
  }

  /** A message new to this tab, live or missed while disconnected: news for everyone. */
  #arrived(message: ChatMessage): void {
    this.#hooks.emit(ChatEvent.message, message);
    if (message.from === "visitor") return;
    this.#showTyping(null);
    if (this.#visible) this.#markRead();
    else this.unread++;
    this.#hooks.incoming(message);
  }

  #onStatus(frame: VisitorStatusFrame): void {
    const before = this.status;
    this.status = frame;
    const { type: _status, ...status } = frame;
    this.#hooks.emit(ChatEvent.status, status);
    if (
      frame.state === "assigned" &&
      frame.agent &&
      (before?.state !== "assigned" || before.agent?.name !== frame.agent.name)
    ) {
      this.#hooks.emit(ChatEvent.assigned, frame.agent);
    }
    if (frame.state === "closed" || frame.state === "new") {
      this.openConversation = false;
      this.#showTyping(null);
    } else if (frame.state !== "away") {
      this.openConversation = true;
      this.offlineFormForced = false;
    }
  }

  /** The server refused our message `clientId`. */
  #refused(clientId: string, code: string): void {
    this.settle(clientId);
    if (code === ErrorCode.forbidden && !this.offlineSent.has(clientId)) {
      // The team is closed and takes messages through the offline form: move the text there.
      const entry = this.transcript.drop(clientId);
      if (entry) this.offlineDraft = this.offlineDraft ? `${this.offlineDraft}\n${entry.text}` : entry.text;
      this.offlineFormForced = true;
      return;
    }
    this.fail(clientId, code);
  }

  #markRead(): void {
    const seq = this.transcript.lastSeq(this.#conversationId);
    const mark = `${this.#conversationId}#${seq}`;
    if (!this.ready || seq === 0 || mark === this.#readMark || this.#conversationId === null) return;
    this.#readMark = mark;
    this.sendFrame({ type: "read", seq });
    this.#hooks.tab({ t: "read", conversationId: this.#conversationId, seq });
  }

  #showTyping(who: string | null): void {
    this.typing = who;
    clearTimeout(this.#typingShown);
    if (who !== null) {
      this.#typingShown = setTimeout(() => {
        this.typing = null;
        this.#host.requestUpdate();
      }, TYPING_SHOWN_MS);
    }
  }

  protected changed(): void {
    this.#host.requestUpdate();
  }

  protected sendFrame(frame: VisitorFrameIn): void {
    this.#socket.send(JSON.stringify(frame));
  }
}
