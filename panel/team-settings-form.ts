/**
 * `<team-settings-form>`: a team lead's settings of one team, in a form — assignment (preset,
 * strategy, limit, online only, claims), preferred agents and fallbacks with their waits,
 * agent and conversation behaviour, business hours, messages per language — saved through
 * `PUT …/teams/:team/settings`, whose validation errors are shown next to the fields they name;
 * and the site's embed snippet. One section at a time, in tabs (`settings-tabs.ts`); a refused
 * save opens the tab of the first field at fault. Rendered by `<agent-panel>` in its Settings view.
 *
 * @fires settings-saved - after a successful save (bubbles, composed)
 */
import { html, LitElement, nothing, type PropertyValues } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import type { PolicyPresetName } from "../protocol/wire";
import { clockTime } from "./format";
import { renderEmbedSnippet, copyText } from "./embed-snippet";
import { renderHoursSection } from "./hours-section";
import { renderMessagesSection } from "./messages-section";
import type { PanelCredentials } from "./panel-auth";
import { formStyles } from "./form-styles";
import { baseStyles } from "./panel-styles";
import { renderAssignmentSection, renderBehaviourSection, renderFallbackSection } from "./policy-sections";
import { loadTeamForm, saveTeamForm, SettingsError, type TeamFormView } from "./settings-api";
import type { FieldContext } from "./settings-fields";
import { focusTab, renderSettingsTabs, renderTabPanel, SettingsTab } from "./settings-tabs";
import {
  bodyOf,
  changePreset,
  draftOf,
  fieldFor,
  getPath,
  setPath,
  type SettingsDraft,
} from "./settings-model";

/** Why the last save was refused. */
interface SaveErrors {
  /** Field path -> the message shown beside that field, in the server's order. */
  byField: Map<string, string>;
  /** Shown at the top only: errors of the whole form, or of a field the form does not show. */
  general: string[];
}

const weekdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;

@customElement("team-settings-form")
export class TeamSettingsForm extends LitElement {
  static override styles = [baseStyles, formStyles];

  @property({ attribute: false }) credentials: PanelCredentials | null = null;
  @property({ attribute: "team-id" }) teamId = "";

  @state() private view: TeamFormView | null = null;
  @state() private draft: SettingsDraft | null = null;
  @state() private loadError: string | null = null;
  @state() private saveErrors: SaveErrors | null = null;
  @state() private saving = false;
  @state() private savedAt: number | null = null;
  @state() private dirty = false;
  @state() private copied: boolean | null = null;
  @state() private tab: SettingsTab = SettingsTab.assignment;
  /** Paths of the fields rendered last, where an error may be shown. */
  private fields = new Set<string>();
  /** The tab each of those fields is in, to open the one with the first error. */
  private fieldTabs = new Map<string, SettingsTab>();
  private renderingTab: SettingsTab = SettingsTab.assignment;
  private focusError = false;
  private focusSelectedTab = false;

  private readonly context: FieldContext = {
    get: (path) => (this.draft ? getPath(this.draft, path) : undefined),
    set: (path, value) =>
      this.edit((draft) => setPath(draft as unknown as Record<string, unknown>, path, value), path),
    errorAt: (path) => this.saveErrors?.byField.get(path) ?? null,
    register: (path) => {
      this.fields.add(path);
      this.fieldTabs.set(path, this.renderingTab);
    },
  };

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has("teamId") || changed.has("credentials")) void this.load();
  }

  protected override updated(): void {
    if (this.focusSelectedTab) {
      this.focusSelectedTab = false;
      focusTab(this.renderRoot, this.tab);
    }
    const first = this.saveErrors?.byField.keys().next().value;
    if (!this.focusError || first === undefined) return;
    const tab = this.fieldTabs.get(first);
    if (tab && tab !== this.tab) {
      this.tab = tab; // focused once that tab is shown, in the next update
      return;
    }
    this.focusError = false;
    const field = this.renderRoot.querySelector(`[data-path="${CSS.escape(first)}"]`);
    field?.scrollIntoView({ block: "center" });
    field?.querySelector<HTMLElement>("input, select, textarea")?.focus({ preventScroll: true });
  }

  private async load(): Promise<void> {
    if (!this.credentials || !this.teamId) return;
    const teamId = this.teamId;
    this.loadError = null;
    try {
      const view = await loadTeamForm(this.credentials, teamId);
      if (teamId !== this.teamId) return;
      this.view = view;
      this.draft = draftOf(view);
      this.dirty = false;
    } catch (error) {
      this.loadError = error instanceof Error ? error.message : "The settings could not be loaded.";
    }
  }

  /** Changes the draft; editing a field at fault clears its error. */
  private edit(change: (draft: SettingsDraft) => void, path?: string): void {
    if (!this.draft) return;
    change(this.draft);
    this.dirty = true;
    this.savedAt = null;
    if (path !== undefined && this.saveErrors?.byField.delete(path)) {
      if (this.saveErrors.byField.size === 0 && this.saveErrors.general.length === 0) this.saveErrors = null;
    }
    this.requestUpdate();
  }

  private async save(): Promise<void> {
    if (!this.credentials || !this.draft || !this.view || this.saving) return;
    this.saving = true;
    this.saveErrors = null;
    try {
      await saveTeamForm(this.credentials, this.teamId, bodyOf(this.draft, this.view));
      this.savedAt = Date.now();
      await this.load();
      this.dispatchEvent(
        new CustomEvent("settings-saved", { bubbles: true, composed: true, detail: { teamId: this.teamId } }),
      );
    } catch (error) {
      const issues = error instanceof SettingsError ? error.issues : [];
      const errors: SaveErrors = { byField: new Map(), general: [] };
      for (const { path, message } of issues) {
        const field = path ? fieldFor(path, this.fields) : null;
        // A message may come prefixed with its path ("policy.defaultLimit: …"); beside the field it goes without.
        const short = message.startsWith(`${path}: `) ? message.slice(path.length + 2) : message;
        if (field === null) errors.general.push(path ? `${path}: ${short}` : short);
        else if (!errors.byField.has(field)) errors.byField.set(field, short);
      }
      if (issues.length === 0)
        errors.general.push(error instanceof Error ? error.message : "The settings could not be saved.");
      // In the form's order, so the first one focused is the topmost.
      errors.byField = new Map(
        [...this.fields].flatMap((field) =>
          errors.byField.has(field) ? [[field, errors.byField.get(field)!] as const] : [],
        ),
      );
      this.saveErrors = errors;
      this.focusError = true;
    } finally {
      this.saving = false;
    }
  }

  private renderSaveErrors({ byField, general }: SaveErrors) {
    const marked =
      byField.size === 0
        ? ""
        : byField.size === 1
          ? "one field needs fixing (marked below)"
          : `${byField.size} fields need fixing (marked below)`;
    const text = [marked, ...general].filter(Boolean).join("; ");
    return html`<div class="form-error" role="alert" data-testid="settings-error">Not saved: ${text}${/[.!?]$/.test(text) ? "" : "."}</div>`;
  }

  protected override render() {
    if (this.loadError) {
      return html`<div class="form-error" role="alert" data-testid="settings-load-error">
        ${this.loadError} <button class="ghost small" @click=${() => void this.load()}>Try again</button>
      </div>`;
    }
    const { draft, view } = this;
    if (!draft || !view || !this.credentials) return html`<p class="muted">Loading the team's settings…</p>`;
    this.fields = new Set();
    this.fieldTabs = new Map();
    const context = this.context;
    // Every panel is rendered (the hidden ones too), so each field registers and can show its error.
    const panel = (tab: SettingsTab, render: () => ReturnType<typeof html>) => {
      this.renderingTab = tab;
      return renderTabPanel(tab, this.tab, render());
    };
    const panels = [
      panel(SettingsTab.assignment, () =>
        renderAssignmentSection(context, view, (preset: PolicyPresetName | "") =>
          this.edit((d) => changePreset(d, view, preset), "preset"),
        ),
      ),
      panel(SettingsTab.fallbacks, () => renderFallbackSection(context, view)),
      panel(SettingsTab.behaviour, () => renderBehaviourSection(context)),
      panel(SettingsTab.hours, () => this.renderHours(draft)),
      panel(SettingsTab.messages, () => this.renderMessages(draft, view)),
      panel(SettingsTab.embed, () =>
        renderEmbedSnippet(this.credentials!.site, this.copied, (snippet) => {
          void copyText(snippet).then((ok) => {
            this.copied = ok;
          });
        }),
      ),
    ];
    const errors = new Map<SettingsTab, number>();
    for (const path of this.saveErrors?.byField.keys() ?? []) {
      const tab = this.fieldTabs.get(path);
      if (tab) errors.set(tab, (errors.get(tab) ?? 0) + 1);
    }
    return html`<div class="settings" data-testid="settings-form">
      ${this.saveErrors ? this.renderSaveErrors(this.saveErrors) : nothing}
      ${renderSettingsTabs(this.tab, errors, (tab, focus) => {
        this.tab = tab;
        this.focusSelectedTab = focus;
      })}
      ${panels}
      <footer class="save-bar">
        <span class="muted" data-testid="settings-status" role="status">
          ${this.saving ? "Saving…" : this.savedAt ? `Saved at ${clockTime(this.savedAt)}. New conversations follow it now.` : this.dirty ? "Unsaved changes" : "No changes"}
        </span>
        <div class="spacer"></div>
        <button type="button" class="ghost" ?disabled=${!this.dirty || this.saving} @click=${() => void this.load()}>Discard</button>
        <button type="button" class="primary" data-testid="settings-save" ?disabled=${this.saving} @click=${() => void this.save()}>Save settings</button>
      </footer>
    </div>`;
  }

  private renderHours(draft: SettingsDraft) {
    return renderHoursSection(this.context, draft, {
      addWeekly: () =>
        this.edit((d) => {
          const last = d.hours.weekly[d.hours.weekly.length - 1];
          const day = last ? weekdays[(weekdays.indexOf(last.day) + 1) % 7]! : "mon";
          d.hours.weekly.push({ day, start: last?.start ?? "09:00", end: last?.end ?? "17:00" });
        }),
      removeWeekly: (index) => this.edit((d) => void d.hours.weekly.splice(index, 1)),
      addException: () =>
        this.edit(
          (d) => void d.hours.exceptions.push({ date: new Date().toISOString().slice(0, 10), slots: [] }),
        ),
      removeException: (index) => this.edit((d) => void d.hours.exceptions.splice(index, 1)),
    });
  }

  private renderMessages(draft: SettingsDraft, view: TeamFormView) {
    return renderMessagesSection(this.context, draft, view, {
      addLanguage: (language) =>
        this.edit((d) => {
          d.messages.templates[language] ??= {};
        }),
      removeLanguage: (language) =>
        this.edit((d) => {
          delete d.messages.templates[language];
        }),
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "team-settings-form": TeamSettingsForm;
  }
}
