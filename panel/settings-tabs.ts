/**
 * The tabs of the settings form: one section of the team's settings on screen at a time, so
 * each fits a screen instead of one 2,500 px form. The ARIA tabs pattern (arrow keys, Home and
 * End move and select; only the selected tab is in the Tab order), with the number of fields
 * at fault shown on each tab after a refused save. Used by `<team-settings-form>`, which keeps
 * the selected tab and renders every panel (hidden but the selected one), so a save still
 * finds each field to show its error beside.
 */
import { html, nothing, type TemplateResult } from "lit";

export const SettingsTab = {
  assignment: "assignment",
  fallbacks: "fallbacks",
  behaviour: "behaviour",
  hours: "hours",
  messages: "messages",
  embed: "embed",
} as const;
export type SettingsTab = (typeof SettingsTab)[keyof typeof SettingsTab];

const tabLabels: Record<SettingsTab, string> = {
  assignment: "Assignment",
  fallbacks: "Fallbacks",
  behaviour: "Agents",
  hours: "Hours",
  messages: "Messages",
  embed: "Embed",
};
const tabs = Object.keys(tabLabels) as SettingsTab[];

const tabId = (tab: SettingsTab) => `settings-tab-${tab}`;
const panelId = (tab: SettingsTab) => `settings-panel-${tab}`;

/** The tab strip; `errors` counts the fields at fault per tab. */
export function renderSettingsTabs(
  selected: SettingsTab,
  errors: ReadonlyMap<SettingsTab, number>,
  pick: (tab: SettingsTab, focus: boolean) => void,
) {
  const onKey = (event: KeyboardEvent) => {
    const at = tabs.indexOf(selected);
    const next =
      event.key === "ArrowRight"
        ? tabs[(at + 1) % tabs.length]
        : event.key === "ArrowLeft"
          ? tabs[(at - 1 + tabs.length) % tabs.length]
          : event.key === "Home"
            ? tabs[0]
            : event.key === "End"
              ? tabs[tabs.length - 1]
              : undefined;
    if (!next) return;
    event.preventDefault();
    pick(next, true);
  };
  return html`<div class="tabs" role="tablist" aria-label="Settings sections" @keydown=${onKey}>
    ${tabs.map((tab) => {
      const count = errors.get(tab) ?? 0;
      return html`<button
        type="button"
        role="tab"
        id=${tabId(tab)}
        data-testid=${tabId(tab)}
        aria-controls=${panelId(tab)}
        aria-selected=${tab === selected ? "true" : "false"}
        tabindex=${tab === selected ? "0" : "-1"}
        @click=${() => pick(tab, false)}
      >
        ${tabLabels[tab]}
        ${count > 0 ? html`<span class="tab-errors" aria-label="${count} to fix">${count}</span>` : nothing}
      </button>`;
    })}
  </div>`;
}

/** One section as the panel of its tab, hidden unless selected. */
export function renderTabPanel(tab: SettingsTab, selected: SettingsTab, content: TemplateResult) {
  return html`<div
    role="tabpanel"
    id=${panelId(tab)}
    data-testid=${panelId(tab)}
    aria-labelledby=${tabId(tab)}
    ?hidden=${tab !== selected}
  >
    ${content}
  </div>`;
}

/** Focuses the selected tab's button (after an arrow key moved the selection). */
export function focusTab(root: ParentNode, tab: SettingsTab): void {
  root.querySelector<HTMLElement>(`#${tabId(tab)}`)?.focus();
}
