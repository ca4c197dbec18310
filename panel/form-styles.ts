/**
 * Styles of `<team-settings-form>` (on top of the shared `baseStyles`): sections as cards,
 * fields in a responsive grid, errors in red beside their field, a sticky save bar; the
 * sections in tabs, text areas as tall as their text.
 */
import { css } from "lit";

export const formStyles = css`
  :host { display: block; }
  .settings { display: flex; flex-direction: column; gap: 16px; }
  .tabs { display: flex; flex-wrap: wrap; gap: 4px; padding: 4px; border: 1px solid var(--line); border-radius: 12px; background: var(--surface); }
  .tabs [role="tab"] { display: inline-flex; align-items: center; gap: 6px; padding: 7px 14px; border: 0; border-radius: 9px; background: none; color: var(--muted); font-weight: 600; }
  .tabs [role="tab"]:hover { background: var(--raised); }
  .tabs [role="tab"][aria-selected="true"] { background: color-mix(in srgb, var(--accent) 12%, var(--surface)); color: var(--accent-text); }
  .tab-errors { min-width: 18px; padding: 0 5px; border-radius: 9px; background: var(--danger-text); color: var(--surface); font-size: 11.5px; line-height: 18px; text-align: center; }
  .form-section { display: flex; flex-direction: column; gap: 12px; padding: 18px 20px; border: 1px solid var(--line); border-radius: 14px; background: var(--surface); }
  .form-section h3 { font-size: 15px; }
  .form-section h4 { margin-top: 6px; font-size: 13px; color: var(--muted); }
  .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(230px, 1fr)); gap: 12px 18px; align-items: start; }
  /* Fields of a rule turned off: muted by colour and a dashed rule, not opacity, so they keep 4.5:1. */
  .grid.off { padding-left: 12px; border-left: 2px dashed var(--line); color: var(--muted); }
  .form-section > button { align-self: flex-start; }
  .group { display: flex; flex-direction: column; gap: 8px; padding: 12px 0; border-top: 1px solid var(--line); }
  .group > .label, .label { font-size: 13px; font-weight: 600; }
  .field { display: flex; flex-direction: column; gap: 4px; min-width: 0; }
  .field > label { display: flex; flex-direction: column; gap: 5px; }
  .field.check > label { flex-direction: row; align-items: center; gap: 8px; }
  .field.check input { width: 16px; height: 16px; }
  .field.wide { grid-column: 1 / -1; }
  .field input:not([type="checkbox"]), .field select, .field textarea { width: 100%; min-width: 0; }
  /* As tall as their text (or the built-in text shown as placeholder), so nothing is cut off. */
  .field textarea { resize: vertical; min-height: 44px; max-height: 60vh; field-sizing: content; }
  .field.invalid input, .field.invalid select, .field.invalid textarea { border-color: var(--danger); box-shadow: 0 0 0 3px color-mix(in srgb, var(--danger) 18%, transparent); }
  .with-unit { display: flex; align-items: center; gap: 8px; }
  .with-unit input { max-width: 140px; }
  .unit { color: var(--muted); font-size: 12.5px; white-space: nowrap; }
  .help { color: var(--muted); font-size: 12px; }
  .field-error { margin: 0; color: var(--danger-text); font-size: 12.5px; font-weight: 600; }
  table.slots { border-collapse: collapse; width: 100%; max-width: 720px; }
  .slots th { padding: 4px 6px; color: var(--muted); font-size: 12px; font-weight: 600; text-align: left; }
  .slots td { padding: 4px 6px; vertical-align: top; }
  .slots .field.compact input, .slots .field.compact select { padding: 5px 8px; }
  fieldset.language { position: relative; min-width: 0; display: flex; flex-direction: column; gap: 10px; margin: 0; padding: 14px 16px; border: 1px solid var(--line); border-radius: 12px; }
  fieldset.language legend { padding: 0 6px; font-weight: 700; }
  .remove-language { position: absolute; top: -6px; right: 12px; }
  .templates { display: grid; grid-template-columns: repeat(auto-fill, minmax(320px, 1fr)); gap: 12px 18px; }
  .templates .field.wide { grid-column: auto; }
  .add-language { display: flex; align-items: flex-end; gap: 10px; }
  .add-language label { display: flex; flex-direction: column; gap: 5px; }
  .snippet { display: flex; align-items: center; gap: 10px; padding: 10px 12px; border: 1px solid var(--line); border-radius: 10px; background: var(--raised); }
  .snippet code { flex: 1; overflow-x: auto; white-space: nowrap; user-select: all; }
  /* A phone: each row of slots becomes a wrapping line of its fields (the inputs keep their labels). */
  @media (max-width: 560px) {
    table.slots, .slots tbody, .slots td { display: block; }
    .slots thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
    .slots tr { display: flex; flex-wrap: wrap; align-items: center; gap: 6px; padding: 8px 0; border-bottom: 1px solid var(--line); }
    .slots td { flex: 1 1 120px; padding: 0; }
    .slots td:first-child { flex-basis: 100%; }
    .slots td:last-child { flex: none; }
  }
  .save-bar { position: sticky; bottom: 0; z-index: 1; display: flex; align-items: center; gap: 10px; padding: 12px 16px; border: 1px solid var(--line); border-radius: 14px; background: color-mix(in srgb, var(--surface) 92%, transparent); backdrop-filter: blur(6px); box-shadow: 0 -4px 18px rgb(17 24 39 / 0.06); }
`;
