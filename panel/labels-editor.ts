/**
 * `<labels-editor>`: a team lead's label list in the Settings view — a name per label, add,
 * remove, move up, and save the whole list (`PUT …/teams/:team/labels`); a refused save shows
 * the server's message beside the label it names. Agents tag conversations from this list.
 * Rendered by `<agent-panel>` under the team settings, beside the canned replies.
 */
import { css, html, LitElement, type PropertyValues } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import type { Label } from "../protocol/wire";
import { formStyles } from "./form-styles";
import { saveTeamLabels, teamLabels } from "./history-api";
import type { PanelCredentials } from "./panel-auth";
import { baseStyles } from "./panel-styles";
import { focusLast, moveItem, rowError, uniqueId, type RowError } from "./settings-lists";

/** An id for a new label from its name, unique in the list (ids stay once saved). */
const idFor = (name: string, taken: ReadonlySet<string>): string =>
  uniqueId(name.toLowerCase().normalize("NFD"), "label", taken);

interface Row extends Label {
  /** Saved before: its id is what conversations carry, so a rename keeps it. */
  saved: boolean;
}

@customElement("labels-editor")
export class LabelsEditor extends LitElement {
  static override styles = [
    baseStyles,
    formStyles,
    css`
      :host { display: block; margin-top: 18px; }
      .actions { display: flex; flex-wrap: wrap; align-items: center; gap: 8px; }
      ol { display: flex; flex-direction: column; gap: 8px; margin: 0; padding: 0; list-style: none; }
      li { display: flex; flex-wrap: wrap; align-items: end; gap: 8px; }
      li .field { flex: 1 1 220px; }
      .id { color: var(--muted); font-size: 12px; }
    `,
  ];

  @property({ attribute: false }) credentials: PanelCredentials | null = null;
  @property({ attribute: "team-id" }) teamId = "";

  @state() private rows: Row[] = [];
  @state() private error: RowError | null = null;
  @state() private saved = false;
  @state() private saving = false;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if ((changed.has("teamId") || changed.has("credentials")) && this.credentials && this.teamId) {
      void teamLabels(this.credentials, this.teamId).then(
        (labels) => (this.rows = labels.map((label) => ({ ...label, saved: true }))),
      );
    }
  }

  private rename(index: number, name: string): void {
    const taken = new Set(this.rows.filter((_, i) => i !== index).map((row) => row.id));
    this.rows = this.rows.map((row, i) =>
      i === index ? { ...row, name, id: row.saved ? row.id : idFor(name, taken) } : row,
    );
    this.saved = false;
  }

  private add(): void {
    this.rows = [
      ...this.rows,
      {
        id: idFor(`label ${this.rows.length + 1}`, new Set(this.rows.map((r) => r.id))),
        name: "",
        saved: false,
      },
    ];
    this.saved = false;
    focusLast(this, "label-name");
  }

  private move(index: number, by: number): void {
    this.rows = moveItem(this.rows, index, by);
    this.saved = false;
  }

  private async save(): Promise<void> {
    if (!this.credentials) return;
    this.saving = true;
    const refused = await saveTeamLabels(
      this.credentials,
      this.teamId,
      this.rows.map(({ id, name }) => ({ id, name })),
    );
    this.saving = false;
    this.saved = refused === null;
    if (!refused) this.rows = this.rows.map((row) => ({ ...row, saved: true }));
    this.error = rowError(refused);
  }

  protected override render() {
    return html`<section class="form-section" aria-labelledby="labels-title" data-testid="labels-editor">
      <h3 id="labels-title">Labels</h3>
      <p class="muted">Agents tag conversations with these; the inbox, the history and the team view filter by them.</p>
      ${this.error && this.error.index === null ? html`<p class="field-error" role="alert">${this.error.message}</p>` : ""}
      <ol>
        ${this.rows.map(
          (row, index) => html`<li data-testid="label-row">
            <div class="field ${this.error?.index === index ? "invalid" : ""}">
              <label><span class="label">Name <span class="id">(${row.id})</span></span>
                <input data-testid="label-name" .value=${row.name} maxlength="40"
                  @input=${(e: Event) => this.rename(index, (e.target as HTMLInputElement).value)} />
              </label>
              ${this.error?.index === index ? html`<p class="field-error" role="alert">${this.error.message}</p>` : ""}
            </div>
            <button type="button" class="ghost small" ?disabled=${index === 0} @click=${() => this.move(index, -1)}>Move up</button>
            <button type="button" class="ghost small" @click=${() => {
              this.rows = this.rows.filter((_, i) => i !== index);
              this.saved = false;
            }}>Remove</button>
          </li>`,
        )}
      </ol>
      <div class="actions">
        <button type="button" class="ghost small" data-testid="label-add" @click=${() => this.add()}>Add a label</button>
        <button type="button" class="primary" data-testid="labels-save" ?disabled=${this.saving} @click=${() => void this.save()}>Save labels</button>
        <span class="muted" role="status" data-testid="labels-status">${this.saved ? "Saved." : ""}</span>
      </div>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "labels-editor": LabelsEditor;
  }
}
