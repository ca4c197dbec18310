/**
 * `<chat-widget-view>`: the open chat, loaded lazily by the loader on the visitor's first
 * click. Shows the status, the transcript (text bindings only, never HTML) and the composer;
 * all socket work is in `ChatConnection`.
 *
 * @fires chat-close - the visitor asked to close the chat (button or Escape)
 * @fires chat-unread - the unread count changed; `detail` is the count
 * @csspart header - the coloured top bar
 * @csspart transcript - the message list
 * @csspart composer - the message form
 * @cssprop --chat-accent - main colour (header, own messages, send button)
 */
import { html, LitElement, nothing, svg, type PropertyValues } from "lit";
import { customElement, property, query } from "lit/decorators.js";
import { MAX_MESSAGE_CHARS } from "../protocol/limits";
import { ChatConnection } from "./chat-connection";
import { chatViewStyles } from "./chat-view-styles";
import { iconPaths } from "./icons";
import { statusText } from "./status-text";
import { Delivery, type TranscriptEntry } from "./transcript";
import { ViewEvent, type ChatViewElement, type WidgetConfig } from "./widget-config";

const icon = (path: string) => html`<svg viewBox="0 0 24 24" aria-hidden="true">${svg`<path d=${path}></path>`}</svg>`;
const clock = new Intl.DateTimeFormat(undefined, { hour: "numeric", minute: "2-digit" });

@customElement("chat-widget-view")
export class ChatWidgetView extends LitElement implements ChatViewElement {
  static override styles = chatViewStyles;

  @property({ attribute: false }) config!: WidgetConfig;
  @property({ type: Boolean, reflect: true }) open = false;

  @query("textarea") private input!: HTMLTextAreaElement;
  @query("ol") private list!: HTMLOListElement;

  private chat?: ChatConnection;
  private reportedUnread = 0;
  private stickToBottom = true;

  override connectedCallback(): void {
    // Created before super.connectedCallback so the controller's hostConnected runs now.
    this.chat ??= new ChatConnection(this, this.config);
    super.connectedCallback();
    this.addEventListener("keydown", this.onKeydown);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener("keydown", this.onKeydown);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has("open")) this.chat?.setVisible(this.open);
    // Keep following the conversation unless the visitor scrolled up to read.
    const list = this.list;
    this.stickToBottom = !list || list.scrollHeight - list.scrollTop - list.clientHeight < 40;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (this.stickToBottom) this.list.scrollTop = this.list.scrollHeight;
    if (changed.has("open") && this.open) this.input.focus();
    const unread = this.chat?.unread ?? 0;
    if (unread !== this.reportedUnread) {
      this.reportedUnread = unread;
      this.dispatchEvent(new CustomEvent<number>(ViewEvent.unread, { detail: unread }));
    }
  }

  protected override render() {
    const chat = this.chat!;
    const entries = chat.transcript.entries;
    const title = this.config.title ?? "Chat with us";
    return html`
      <header part="header">
        <div class="avatar">${icon(iconPaths.chat)}</div>
        <div class="heading">
          <h2 id="title">${title}</h2>
          <p class="status" data-testid="chat-status" data-state=${chat.ready ? (chat.status?.state ?? "new") : "connecting"} role="status">${statusText(chat)}</p>
        </div>
        <button class="close" type="button" data-testid="chat-close" aria-label="Minimize chat" @click=${this.requestClose}>
          ${icon(iconPaths.minimize)}
        </button>
      </header>
      <ol part="transcript" data-testid="chat-transcript" aria-live="polite" aria-labelledby="title">
        ${entries.length === 0
          ? html`<li class="greeting"><p class="bubble">Hi there! How can we help you today?</p></li>`
          : entries.map((entry, index) => {
              // Seqs restart with each conversation; mark where a new one began.
              const before = entries[index - 1]?.conversationId;
              const divider = before && entry.conversationId && before !== entry.conversationId;
              return html`${divider ? html`<li class="system divider" role="separator">New conversation</li>` : nothing}${this.renderEntry(entry)}`;
            })}
        ${chat.typing === null
          ? nothing
          : html`<li class="typing" data-testid="chat-typing" aria-label="${chat.typing || "The agent"} is typing">
              <p class="bubble"><span class="dots"><i></i><i></i><i></i></span></p>
            </li>`}
      </ol>
      <form part="composer" @submit=${this.submit}>
        <textarea
          data-testid="chat-input"
          rows="1"
          maxlength=${MAX_MESSAGE_CHARS}
          placeholder="Write a message…"
          aria-label="Message"
          ?disabled=${chat.fatal !== null}
          @keydown=${this.onComposerKey}
          @input=${this.onInput}
        ></textarea>
        <button class="send" type="submit" data-testid="chat-send" aria-label="Send" ?disabled=${chat.fatal !== null}>
          ${icon(iconPaths.send)}
        </button>
      </form>
    `;
  }

  private renderEntry(entry: TranscriptEntry) {
    const mine = entry.from === "visitor";
    return html`<li
      class="${entry.from} ${entry.delivery}"
      part="message"
      data-testid="chat-message"
      data-from=${entry.from}
      data-delivery=${entry.delivery}
      data-seq=${entry.seq ?? ""}
    >
      ${entry.from === "agent" && entry.authorName ? html`<span class="author">${entry.authorName}</span>` : nothing}
      <p class="bubble">${entry.text}</p>
      ${mine ? this.renderDelivery(entry) : html`<span class="meta">${clock.format(entry.at)}</span>`}
    </li>`;
  }

  private renderDelivery(entry: TranscriptEntry) {
    switch (entry.delivery) {
      case Delivery.sending:
        return html`<span class="meta">Sending…</span>`;
      case Delivery.sent:
        return html`<span class="meta">${clock.format(entry.at)} · Sent</span>`;
      case Delivery.failed:
        return html`<span class="meta"
          >Not sent<button class="retry" type="button" data-testid="chat-retry" @click=${() => this.chat?.retry(entry.clientId!)}>
            Retry
          </button></span
        >`;
    }
  }

  private submit(event: Event): void {
    event.preventDefault();
    if (this.chat?.send(this.input.value)) {
      this.input.value = "";
      this.stickToBottom = true;
    }
    this.input.focus();
  }

  private onComposerKey(event: KeyboardEvent): void {
    // Enter sends, Shift+Enter breaks the line; never while an IME is composing.
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      this.submit(event);
    }
  }

  private onInput(): void {
    this.chat?.noteTyping();
  }

  private readonly onKeydown = (event: KeyboardEvent): void => {
    if (event.key === "Escape") this.requestClose();
  };

  private requestClose(): void {
    this.dispatchEvent(new CustomEvent(ViewEvent.close));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "chat-widget-view": ChatWidgetView;
  }
}
