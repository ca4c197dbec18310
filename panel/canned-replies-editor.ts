/**
 * `<canned-replies-editor>`: a team lead's list of canned replies in the Settings view —
 * title and text per reply (with the variables it may use), add, remove, move up, and save
 * the whole list (`PUT …/teams/:team/canned-replies`); a refused save shows the server's
 * message beside the reply it names. Rendered by `<agent-panel>` under the team settings.
 */
import { css, html, LitElement, type PropertyValues } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import { CANNED_REPLY_VARIABLES, type CannedReply } from "../protocol/wire";
import { cannedReplies, saveCannedReplies } from "./canned-replies-api";
import { formStyles } from "./form-styles";
import type { PanelCredentials } from "./panel-auth";
import { baseStyles } from "./panel-styles";
import { focusLast, moveItem, rowError, uniqueId, type RowError } from "./settings-lists";

/** An id for a new reply from its title, unique in the list. */
const idFor = (title: string, taken: ReadonlySet<string>): string =>
  uniqueId(title.toLowerCase(), "reply", taken);

@customElement("canned-replies-editor")
export class CannedRepliesEditor extends LitElement {
  static override styles = [
    baseStyles,
    formStyles,
    css`
      :host { display: block; margin-top: 18px; }
      .actions { display: flex; flex-wrap: wrap; align-items: center; gap: 8px; }
    `,
  ];

  @property({ attribute: false }) credentials: PanelCredentials | null = null;
  @property({ attribute: "team-id" }) teamId = "";

  @state() private replies: CannedReply[] = [];
  @state() private error: RowError | null = null;
  @state() private saved = false;
  @state() private saving = false;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if ((changed.has("teamId") || changed.has("credentials")) && this.credentials && this.teamId) {
      void cannedReplies(this.credentials, this.teamId).then((replies) => (this.replies = [...replies]));
    }
  }

  private edit(index: number, field: "title" | "text", value: string): void {
    this.replies = this.replies.map((reply, i) => (i === index ? { ...reply, [field]: value } : reply));
    this.saved = false;
  }

  private add(): void {
    const ids = new Set(this.replies.map((reply) => reply.id));
    this.replies = [
      ...this.replies,
      { id: idFor(`reply ${this.replies.length + 1}`, ids), title: "", text: "" },
    ];
    this.saved = false;
    focusLast(this, "canned-title");
  }

  private move(index: number, by: number): void {
    this.replies = moveItem(this.replies, index, by);
    this.saved = false;
  }

  private async save(): Promise<void> {
    if (!this.credentials) return;
    this.saving = true;
    const refused = await saveCannedReplies(this.credentials, this.teamId, this.replies);
    this.saving = false;
    this.saved = refused === null;
    this.error = rowError(refused);
  }

  protected override render() {
    const variables = CANNED_REPLY_VARIABLES.map((name) => `{{${name}}}`).join(", ");
    return html`<section class="form-section" aria-labelledby="canned-title" data-testid="canned-editor">
      <h3 id="canned-title">Canned replies</h3>
      <p class="muted">Agents insert these with <kbd>/</kbd> in the reply box. Texts may use ${variables}.</p>
      ${
        this.error && this.error.index === null
          ? html`<p class="field-error" role="alert">${this.error.message}</p>`
          : ""
      }
      ${this.replies.map(
        (reply, index) => html`<fieldset class="language" data-testid="canned-reply">
          <legend>${reply.title || "New reply"}</legend>
          <div class="field ${this.error?.index === index ? "invalid" : ""}">
            <label><span class="label">Title</span>
              <input data-testid="canned-title" .value=${reply.title} maxlength="80"
                @input=${(e: Event) => this.edit(index, "title", (e.target as HTMLInputElement).value)} />
            </label>
            <label><span class="label">Text</span>
              <textarea data-testid="canned-text" .value=${reply.text} maxlength="2000" rows="3"
                @input=${(e: Event) => this.edit(index, "text", (e.target as HTMLTextAreaElement).value)}></textarea>
            </label>
            ${this.error?.index === index ? html`<p class="field-error" role="alert">${this.error.message}</p>` : ""}
          </div>
          <div class="actions">
            <button type="button" class="ghost small" ?disabled=${index === 0} @click=${() => this.move(index, -1)}>Move up</button>
            <button type="button" class="ghost small" @click=${() => {
              this.replies = this.replies.filter((_, i) => i !== index);
              this.saved = false;
            }}>Remove</button>
          </div>
        </fieldset>`,
      )}
      <div class="actions">
        <button type="button" class="ghost small" data-testid="canned-add" @click=${() => this.add()}>Add a reply</button>
        <button type="button" class="primary" data-testid="canned-save" ?disabled=${this.saving} @click=${() => void this.save()}>
          Save canned replies
        </button>
        <span class="muted" role="status" data-testid="canned-status">${this.saved ? "Saved." : ""}</span>
      </div>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "canned-replies-editor": CannedRepliesEditor;
  }
}
