/**
 * `<reply-composer>`: the box under a conversation of mine. It writes either a reply to the
 * visitor or a private note for agents (the "Note" switch, `Alt`+`N`; a note's box is drawn
 * in the notes' colour so nobody sends one by mistake). Enter sends, Shift+Enter breaks the
 * line. Typing `/` at the start of an empty box opens the team's canned replies
 * (`canned-reply-picker.ts`); the chosen one replaces `/words` with its text, variables filled
 * for this visitor and agent. Files go with a reply by the paperclip, a paste or a drop
 * (uploaded at once, sent with the next reply; `panel-attachments.ts`). Rendered by the conversation pane into the panel's own shadow root (no shadow root of
 * its own), so the panel's styles and `[data-testid=reply-input]` reach it.
 */
import { html, LitElement } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import { fillCannedReply, MAX_MESSAGE_CHARS, type CannedReply } from "../protocol/wire";
import { attachIcon } from "../client/icons";
import { filesOf, type PendingFiles } from "../client/pending-files";
import { cannedReplies } from "./canned-replies-api";
import { matchCannedReplies, renderCannedPicker, slashQuery } from "./canned-reply-picker";
import { keysOf, ShortcutAction } from "./keyboard-shortcuts";
import type { PanelCredentials } from "./panel-auth";
import { pendingReplyFiles, renderPendingFiles } from "./panel-attachments";
import type { TeamConnection } from "./team-connection";

@customElement("reply-composer")
export class ReplyComposer extends LitElement {
  @property({ attribute: false }) team: TeamConnection | null = null;
  @property({ attribute: false }) conversationId = "";
  @property({ attribute: false }) agentName = "";
  @property({ attribute: false }) credentials: PanelCredentials | null = null;
  /** What a canned reply's variables are filled with here. */
  @property({ attribute: false }) visitor: { name: string; email?: string } = { name: "" };

  /** Writing a private note rather than a reply. */
  @state() private noting = false;
  /** The team's canned replies, once loaded. */
  @state() private replies: CannedReply[] = [];
  /** What follows the `/` while the list is open; null when closed. */
  @state() private query: string | null = null;
  @state() private active = 0;
  /** Files uploading or uploaded for the next reply. */
  private files: PendingFiles | null = null;

  private get pending(): PendingFiles | null {
    if (!this.files && this.credentials && this.team)
      this.files = pendingReplyFiles(this.credentials, this.team, this.conversationId, () =>
        this.requestUpdate(),
      );
    return this.files;
  }

  private attach(files: File[]): void {
    if (files.length === 0) return;
    if (this.noting) this.noting = false; // files go to the visitor; a note cannot carry them
    this.pending?.add(files);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.credentials && this.team)
      void cannedReplies(this.credentials, this.team.teamId).then((replies) => (this.replies = replies));
  }

  private get listed(): CannedReply[] {
    return this.query === null ? [] : matchCannedReplies(this.replies, this.query);
  }

  private insert(reply: CannedReply): void {
    const input = this.input;
    if (!input) return;
    const text = fillCannedReply(reply.text, {
      "visitor.name": this.visitor.name,
      ...(this.visitor.email ? { "visitor.email": this.visitor.email } : {}),
      "agent.name": this.agentName,
      "team.name": this.team?.teamName ?? "",
    });
    input.value = text.slice(0, MAX_MESSAGE_CHARS);
    this.query = null;
    input.focus();
    input.setSelectionRange(input.value.length, input.value.length);
    if (!this.noting) this.team?.noteTyping(this.conversationId);
  }

  /** Keys while the `/` list is open; true when the key was the list's. */
  private pickerKey(event: KeyboardEvent): boolean {
    if (this.query === null) return false;
    const matches = this.listed;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      const step = event.key === "ArrowDown" ? 1 : -1;
      if (matches.length > 0) this.active = (this.active + step + matches.length) % matches.length;
    } else if ((event.key === "Enter" || event.key === "Tab") && !event.shiftKey) {
      const chosen = matches[this.active];
      if (!chosen) return event.key === "Enter";
      this.insert(chosen);
    } else if (event.key === "Escape") {
      this.query = null;
    } else {
      return false;
    }
    event.preventDefault();
    event.stopPropagation();
    return true;
  }

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  private get input(): HTMLTextAreaElement | null {
    return this.querySelector("textarea");
  }

  private send(): void {
    const input = this.input;
    const team = this.team;
    if (!input || !team) return;
    const files = this.pending;
    if (!this.noting && files?.busy) return; // the reply waits for its files
    const refs = this.noting ? [] : (files?.list.filter((file) => file.ref) ?? []);
    const sent = this.noting
      ? team.note(this.conversationId, input.value, this.agentName)
      : team.reply(this.conversationId, input.value, this.agentName, refs.length > 0 ? files!.take() : []);
    if (sent) input.value = "";
    input.focus();
  }

  private toggleNote(): void {
    this.noting = !this.noting;
    // A note is not typing to the visitor: stop the indicator they may be seeing.
    if (this.noting) this.team?.stopTyping(this.conversationId);
    void this.updateComplete.then(() => this.input?.focus());
  }

  private onKey(event: KeyboardEvent): void {
    if (this.pickerKey(event)) return;
    if (event.key === "Enter" && !event.shiftKey && !event.altKey && !event.isComposing) {
      event.preventDefault();
      this.send();
    } else if (event.altKey && !event.shiftKey && event.code === "KeyN") {
      event.preventDefault();
      this.toggleNote();
    } else if (event.key === "Escape") {
      this.input?.blur();
    }
  }

  protected override render() {
    const team = this.team;
    const id = this.conversationId;
    const matches = this.listed;
    return html`${this.query !== null ? renderCannedPicker(matches, this.active, this.replies.length, (reply) => this.insert(reply)) : ""}
      ${renderPendingFiles(this.pending?.list ?? [], (key) => this.pending?.remove(key))}
      <form
        class="composer ${this.noting ? "noting" : ""}"
        @submit=${(event: SubmitEvent) => {
          event.preventDefault();
          this.send();
        }}
        @dragover=${(event: DragEvent) => event.preventDefault()}
        @drop=${(event: DragEvent) => {
          event.preventDefault();
          this.attach(filesOf(event.dataTransfer));
        }}
      >
        <button
          type="button"
          class="ghost small note-toggle"
          data-testid="note-toggle"
          aria-pressed=${this.noting ? "true" : "false"}
          title="Private note, seen by agents only (Alt+N)"
          @click=${() => this.toggleNote()}
        >
          Note
        </button>
        <button
          type="button"
          class="ghost small attach"
          data-testid="attach-button"
          title="Attach files (or paste, or drop them here)"
          aria-label="Attach files"
          @click=${() => this.querySelector<HTMLInputElement>("input[type=file]")?.click()}
        >
          <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true"><path d=${attachIcon}></path></svg>
        </button>
        <input
          type="file"
          multiple
          hidden
          data-testid="attach-input"
          @change=${(event: Event) => {
            const input = event.currentTarget as HTMLInputElement;
            this.attach([...(input.files ?? [])]);
            input.value = "";
          }}
        />
        <textarea
          name="reply"
          data-testid="reply-input"
          placeholder=${this.noting ? "Write a private note (agents only)…" : "Write a reply…"}
          aria-label=${this.noting ? "Private note" : "Reply"}
          maxlength=${MAX_MESSAGE_CHARS}
          role="combobox"
          aria-autocomplete="list"
          aria-expanded=${this.query !== null ? "true" : "false"}
          aria-controls="canned-list"
          aria-activedescendant=${matches[this.active] ? `canned-${matches[this.active]!.id}` : ""}
          @input=${(event: Event) => {
            const value = (event.currentTarget as HTMLTextAreaElement).value;
            const query = slashQuery(value);
            if (query !== this.query) this.active = 0;
            this.query = query;
            if (this.noting || query !== null) return;
            if (value === "") team?.stopTyping(id);
            else team?.noteTyping(id);
          }}
          @blur=${() => {
            team?.stopTyping(id);
            this.query = null;
          }}
          @keydown=${(event: KeyboardEvent) => this.onKey(event)}
          @paste=${(event: ClipboardEvent) => {
            const files = filesOf(event.clipboardData);
            if (files.length === 0) return;
            event.preventDefault();
            this.attach(files);
          }}
        ></textarea>
        <button class="primary" type="submit" data-testid="reply-send">${this.noting ? "Add note" : "Send"}</button>
      </form>
      <p class="hint">
        Enter sends · Shift+Enter new line · <kbd>/</kbd> canned replies · <kbd>Alt</kbd>+<kbd>N</kbd> private note ·
        ${keysOf(ShortcutAction.close)} closes · <kbd>?</kbd> all shortcuts
      </p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "reply-composer": ReplyComposer;
  }
}
