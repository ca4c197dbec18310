/**
 * `<reply-composer>`: the box under a conversation of mine. It writes either a reply to the
 * visitor or a private note for agents (the "Note" switch, `Alt`+`N`; a note's box is drawn
 * in the notes' colour so nobody sends one by mistake). Enter sends, Shift+Enter breaks the
 * line. Rendered by the conversation pane into the panel's own shadow root (no shadow root of
 * its own), so the panel's styles and `[data-testid=reply-input]` reach it.
 */
import { html, LitElement } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import { MAX_MESSAGE_CHARS } from "../protocol/wire";
import { keysOf, ShortcutAction } from "./keyboard-shortcuts";
import type { TeamConnection } from "./team-connection";

@customElement("reply-composer")
export class ReplyComposer extends LitElement {
  @property({ attribute: false }) team: TeamConnection | null = null;
  @property({ attribute: false }) conversationId = "";
  @property({ attribute: false }) agentName = "";

  /** Writing a private note rather than a reply. */
  @state() private noting = false;

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
    const sent = this.noting
      ? team.note(this.conversationId, input.value, this.agentName)
      : team.reply(this.conversationId, input.value, this.agentName);
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
    return html`<form
        class="composer ${this.noting ? "noting" : ""}"
        @submit=${(event: SubmitEvent) => {
          event.preventDefault();
          this.send();
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
        <textarea
          name="reply"
          data-testid="reply-input"
          placeholder=${this.noting ? "Write a private note (agents only)…" : "Write a reply…"}
          aria-label=${this.noting ? "Private note" : "Reply"}
          maxlength=${MAX_MESSAGE_CHARS}
          @input=${(event: Event) => {
            if (this.noting) return;
            if ((event.currentTarget as HTMLTextAreaElement).value === "") team?.stopTyping(id);
            else team?.noteTyping(id);
          }}
          @blur=${() => team?.stopTyping(id)}
          @keydown=${(event: KeyboardEvent) => this.onKey(event)}
        ></textarea>
        <button class="primary" type="submit" data-testid="reply-send">${this.noting ? "Add note" : "Send"}</button>
      </form>
      <p class="hint">
        Enter sends · Shift+Enter new line · <kbd>Alt</kbd>+<kbd>N</kbd> private note ·
        ${keysOf(ShortcutAction.close)} closes · <kbd>?</kbd> all shortcuts
      </p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "reply-composer": ReplyComposer;
  }
}
