/**
 * Labels drawn as chips: their styles, shared by the conversation header
 * (`conversation-labels.ts`), and the chips of a list's row (the history's list and the
 * lead's closed-today card).
 */
import { css, html, nothing } from "lit";
import type { Label } from "../protocol/wire";
import { labelName } from "./history-api";

/** The chips the panel draws for labels (also used by lists that only show them). */
export const labelChipStyles = css`
  .label-chips { display: inline-flex; flex-direction: row; flex-wrap: wrap; align-self: flex-start; gap: 4px; margin: 0; padding: 0; list-style: none; }
  .label-chip { padding: 0 8px; border-radius: 999px; background: color-mix(in srgb, var(--accent) 12%, var(--surface)); color: var(--accent-text); font-size: 11.5px; font-weight: 600; line-height: 20px; white-space: nowrap; }
`;

/** A row's labels by name from the team's list (`ids` it dropped show as ids); nothing when none. */
export function renderLabelChips(ids: readonly string[], labels: readonly Label[]) {
  return ids.length
    ? html`<ul class="label-chips">${ids.map((id) => html`<li class="label-chip">${labelName(labels, id)}</li>`)}</ul>`
    : nothing;
}
