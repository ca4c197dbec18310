/**
 * `<chat-widget-view>`: the open chat, loaded lazily by the loader on the visitor's first
 * click. Shows the status, the transcript (text bindings only, never HTML), the typing
 * indicator and, at the bottom, the composer, the topic choice or the offline form; all
 * socket work is in `ChatConnection`. A modal dialog: Tab stays inside, Escape closes, and
 * new messages are announced through a polite live region.
 *
 * No decorators (`static properties` instead): they would cost the chunk half a kilobyte
 * gzipped of the 20 KB budget for a few lines of convenience.
 *
 * @fires chat-close - the visitor asked to close the chat (button or Escape)
 * @fires chat-unread - the unread count changed; `detail` is the count
 * @fires chat-api - an event for the host page's listeners; `detail` is `{name, data}`
 * @fires chat-reset - another tab logged the visitor out: the loader drops this view
 * @csspart header - the coloured top bar (with `title` and `status`)
 * @csspart transcript - the message list; `message`, `bubble`, `notice` (team lines), `typing`
 * @csspart composer - the message form, with `input` and `send`
 * @csspart choices - the topic buttons (`choice`) before the first message
 * @csspart offline-form - the form shown while the team is closed, with its `field`s
 * @cssprop --chat-accent - main colour (header, own messages, buttons)
 */
import { html, LitElement, nothing, type PropertyValues } from "lit";
import type { ChatMessage } from "../protocol/wire";
import type { TranscriptEntry } from "../client/transcript";
import { MAX_MESSAGE_CHARS } from "../protocol/wire";
import { ChatConnection } from "./chat-connection";
import { chatViewStyles } from "./chat-view-styles";
import { fill, loadStrings, uiLanguage, type Strings } from "./i18n";
import { renderEntry } from "./message-row";
import { attachIcon, chatIcon, minimizeIcon, sendIcon } from "../client/icons";
import { isRtl } from "./locale";
import { statusText } from "./status-text";
import {
  readConfig,
  ViewEvent,
  type ChatViewElement,
  type ConfigExtras,
  type TabMessage,
  type WidgetConfig,
} from "./widget-config";

/** A chunk loaded when first needed (`#lazy`), its module kept on the loader once it is in. */
type Chunk<A extends unknown[]> = {
  (): Promise<{ render(h: typeof html, ...args: A): unknown }>;
  module?: { render(h: typeof html, ...args: A): unknown };
};
/** The offline form, and what a closed chat offers (rating and transcript). */
const offlineForm: Chunk<[number, ChatConnection, Strings, () => void, ChatWidgetView]> = () =>
  import("./offline-form");
const closedChat: Chunk<[ChatWidgetView, ChatConnection]> = () => import("./closed-chat");
/** The topics of `data-teams`, drawn by the offline form's chunk (most visitors need neither). */
const choices: Chunk<[NonNullable<ChatConnection["teamChoice"]>, Strings, (team: string) => void]> = () =>
  import("./offline-form").then((module) => ({ render: module.renderChoices }));
/** The attachment chunk, once the visitor used it or a message with files came (`#files`). */
let files: typeof import("./attachments") | undefined;
const icon = (path: string) =>
  html`<svg viewBox="0 0 24 24" aria-hidden="true"><path d=${path}></path></svg>`;
/** What Tab may land on inside the chat. */
const FOCUSABLE = "button:not([disabled]),textarea:not([disabled]),input,ol";

export class ChatWidgetView extends LitElement implements ChatViewElement {
  static override styles = chatViewStyles;
  static override properties = {
    open: { type: Boolean, reflect: true },
    t: { state: true },
    announcement: { state: true },
  };

  config!: WidgetConfig;
  open = false;
  ready: Promise<unknown> = Promise.resolve();
  /** The strings in the visitor's language; nothing renders before they are here. */
  private t?: Strings;
  /** The last thing said to screen readers. */
  private announcement = "";
  #chat?: ChatConnection;
  #reportedUnread = 0;
  /** Scroll to the newest after this update: we were at the bottom, or the visitor just wrote. */
  #stickToBottom = true;
  /** Focus was in the chat before this update (a re-render may remove the focused control). */
  #hadFocus = false;
  #focusOwed = false;
  #tabs?: BroadcastChannel;

  override connectedCallback(): void {
    this.setAttribute("role", "dialog");
    this.setAttribute("aria-modal", "true");
    this.ready = this.#speak().then(() => this.updateComplete);
    // Created before super.connectedCallback so the controller's hostConnected runs now.
    this.#chat ??= new ChatConnection(this, this.config, {
      emit: (name, data) => this.#fire(ViewEvent.api, { name, data }),
      tab: (message) => this.tellTabs(message),
      incoming: (message) => this.#incoming(message),
    });
    super.connectedCallback();
    this.addEventListener("keydown", this.#onKeydown);
    // The site's other tabs: what was read there, and a logout.
    if (typeof BroadcastChannel === "function") {
      this.#tabs = new BroadcastChannel(`edgechat:${this.config.site}`);
      this.#tabs.onmessage = ({ data }: MessageEvent<TabMessage>) =>
        data.t === "reset" ? this.#fire(ViewEvent.reset, null) : this.#chat?.fromTab(data);
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener("keydown", this.#onKeydown);
    this.#tabs?.close();
  }

  configure(from: Element, extras: ConfigExtras, clear = false): void {
    const config = readConfig(from, extras);
    const before = this.config;
    if (!config) return;
    this.config = config;
    if (!before) return;
    if (config.locale !== before.locale) this.ready = this.#speak();
    this.#chat?.reconfigure(config, clear);
  }

  tellTabs(message: TabMessage): void {
    this.#tabs?.postMessage(message);
  }

  /** Loads the strings of the config's language and turns the layout for it. */
  async #speak(): Promise<void> {
    const language = uiLanguage(this.config.locale);
    this.lang = language;
    this.dir = isRtl(language) ? "rtl" : "ltr";
    this.t = await loadStrings(language);
    this.setAttribute("aria-label", this.config.title ?? this.t.title);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has("open")) this.#chat?.setVisible(this.open);
    // Keep following the conversation unless the visitor scrolled up to read.
    const list = this.#list;
    this.#stickToBottom ||= !list || list.scrollHeight - list.scrollTop - list.clientHeight < 40;
    // Owed: the last focus move found no control yet (the offline form still loading).
    this.#hadFocus = this.#focusOwed || !!this.shadowRoot?.activeElement;
  }

  protected override updated(changed: PropertyValues<this>): void {
    const list = this.#list;
    if (list && this.#stickToBottom) list.scrollTop = list.scrollHeight;
    this.#stickToBottom = false;
    // Opened, or the focused control went (topics or form replaced by the composer): focus the first.
    if (this.open && (changed.has("open") || (this.#hadFocus && !this.shadowRoot?.activeElement)))
      this.#focusFirst();
    const unread = this.#chat?.unread ?? 0;
    if (unread !== this.#reportedUnread) {
      this.#reportedUnread = unread;
      this.#fire(ViewEvent.unread, unread);
      // The preview of the agent's message beside the launcher: its own chunk, fetched once there is one.
      void import("./unread-preview").then((preview) => preview.showPreview(this, this.#chat!, this.t!));
    }
  }

  protected override render() {
    const chat = this.#chat;
    const t = this.t;
    if (!chat || !t) return nothing;
    const entries = chat.transcript.entries;
    const status = chat.status;
    // The server sends the agent's initials with the name (`initialsOf`): one rule for every client.
    const agent = status?.state === "assigned" ? status.agent?.initials : undefined;
    const form = chat.offlineForm;
    return html`
      <header part="header">
        <div class="avatar" aria-hidden="true">${agent || icon(chatIcon)}</div>
        <div class="heading">
          <h2 part="title">${this.config.title ?? t.title}</h2>
          <p class="status" part="status" dir="auto" data-testid="chat-status" data-state=${chat.ready ? (status?.state ?? "new") : "connecting"}>${statusText(chat, t, this.config.locale)}</p>
        </div>
        <button class="close" type="button" data-testid="chat-close" aria-label=${t.minimize} @click=${this.#requestClose}>${icon(minimizeIcon)}</button>
      </header>
      <ol part="transcript" data-testid="chat-transcript" tabindex="0" aria-label=${t.conversation}>
        ${!entries.length && status?.state !== "away" && !chat.fatal ? html`<li class="agent greeting"><p class="bubble" part="bubble">${this.config.greeting ?? t.greeting}</p></li>` : nothing}
        ${entries.map((entry, index) => {
          // Seqs restart with each conversation; mark where a new one began.
          const before = entries[index - 1]?.conversationId;
          const divider = before && entry.conversationId && before !== entry.conversationId;
          return html`${divider ? html`<li class="system divider">${t.newConversation}</li>` : nothing}${renderEntry(entry, t, chat, this.config.locale, this.#shown)}`;
        })}
        ${
          chat.typing === null
            ? nothing
            : html`<li class="agent typing" part="typing" data-testid="chat-typing">
              <p class="bubble"><span class="dots" aria-hidden="true"><i></i><i></i><i></i></span><span class="sr">${fill(t.typing, { name: chat.typing || t.agent })}</span></p>
            </li>`
        }
      </ol>
      <p class="sr" aria-live="polite" data-testid="chat-announcer">${this.announcement}</p>
      ${status?.state === "closed" ? this.#lazy(closedChat, this, chat) : nothing}
      ${chat.teamChoice ? this.#lazy(choices, chat.teamChoice, t, (team) => chat.chooseTeam(team)) : form ? this.#lazy(offlineForm, MAX_MESSAGE_CHARS, chat, t, () => (this.#stickToBottom = true), this) : this.#renderComposer(chat, t)}
    `;
  }

  #renderComposer(chat: ChatConnection, t: Strings) {
    return html`<form part="composer" @submit=${this.#submit} @paste=${this.#dropped} @dragover=${this.#dropped} @drop=${this.#dropped}>
      ${files?.renderPending()}
      <textarea
        part="input"
        data-testid="chat-input"
        rows="1"
        maxlength=${MAX_MESSAGE_CHARS}
        placeholder=${t.placeholder}
        aria-label=${t.input}
        ?disabled=${chat.fatal !== null}
        @keydown=${this.#onComposerKey}
        @input=${() => chat.noteTyping()}
      ></textarea>
      <button class="close" type="button" data-testid="chat-attach" aria-label=${t.attach} @click=${() => this.#files()}>${icon(attachIcon)}</button>
      <button class="send" part="send" type="submit" data-testid="chat-send" aria-label=${t.send} ?disabled=${chat.fatal !== null}>${icon(sendIcon)}</button>
    </form>`;
  }

  /** A chunk's `render(html, …args)`, imported the first time it is needed (nothing is drawn until it is there). */
  #lazy<A extends unknown[]>(load: Chunk<A>, ...args: A) {
    if (load.module) return load.module.render(html, ...args);
    void load().then((module) => {
      load.module = module;
      this.requestUpdate();
    });
    return nothing;
  }

  /** A message's files, drawn by the attachment chunk (loaded the first time one shows). */
  readonly #shown = (entry: TranscriptEntry) => (files ? files.renderFiles(entry) : this.#files(false));

  /** Loads the attachment chunk and adds `list` (undefined: opens the file picker; false: only loads). */
  #files(list?: FileList | false): void {
    void import("./attachments").then((module) => (files = module).use(this, html, list));
  }

  /** A paste, drag or drop on the composer: files in it are attached (text pastes as usual). */
  #dropped(event: ClipboardEvent | DragEvent): void {
    const list = ((event as ClipboardEvent).clipboardData ?? (event as DragEvent).dataTransfer)?.files;
    if (event.type[0] === "d") event.preventDefault();
    if (list?.length) this.#files(list);
  }

  get #list(): HTMLOListElement | null {
    return this.renderRoot.querySelector("ol");
  }

  get #input(): HTMLTextAreaElement | null {
    return this.renderRoot.querySelector("[data-testid=chat-input]");
  }

  /** Into the dialog: the first control, or on touch screens the transcript (no keyboard popping up). */
  #focusFirst(): void {
    const first = this.renderRoot.querySelector<HTMLElement>(
      matchMedia("(pointer:coarse)").matches
        ? "ol"
        : "[data-testid=chat-input],.choices button,.offline [data-focus]",
    );
    first?.focus();
    this.#focusOwed = !first;
  }

  #submit(event: Event): void {
    event.preventDefault();
    const input = this.#input;
    if (input && this.#chat?.send(input.value, files?.take())) {
      input.value = "";
      this.#stickToBottom = true;
    }
    input?.focus();
  }

  #onComposerKey(event: KeyboardEvent): void {
    // Enter sends, Shift+Enter breaks the line; never while an IME is composing.
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      this.#submit(event);
    }
  }

  /** A live message from the team: said to screen readers, and chimed if asked for. */
  #incoming(message: ChatMessage): void {
    this.announcement =
      message.from === "agent" ? `${message.authorName ?? this.t?.agent}: ${message.text}` : message.text;
    // The chime's code loads on the first one: most sites never turn the sound on.
    if (this.config.sound && (!this.open || document.hidden))
      void import("./notify-sound").then((m) => m.chime());
  }

  readonly #onKeydown = (event: KeyboardEvent): void => {
    if (event.key === "Escape") this.#requestClose();
    if (event.key !== "Tab") return;
    // Focus stays in the dialog: Tab from the last stop goes to the first, and back.
    const stops = [...this.renderRoot.querySelectorAll<HTMLElement>(FOCUSABLE)];
    const active = this.shadowRoot?.activeElement;
    const [first, last] = [stops[0], stops[stops.length - 1]];
    if (event.shiftKey ? active === first || !active : active === last) {
      event.preventDefault();
      (event.shiftKey ? last : first)?.focus();
    }
  };

  #requestClose(): void {
    this.dispatchEvent(new CustomEvent(ViewEvent.close));
  }

  #fire(type: string, detail: unknown): void {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }
}

customElements.define("chat-widget-view", ChatWidgetView);

declare global {
  interface HTMLElementTagNameMap {
    "chat-widget-view": ChatWidgetView;
  }
}
