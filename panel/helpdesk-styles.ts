/**
 * Styles of the panel's help-desk parts: private notes in the transcript and the composer's
 * note mode (in the notes' own colour, so a note is never mistaken for a reply), and the
 * canned-reply picker. Added to `<agent-panel>`'s styles after `panelStyles`.
 */
import { css } from "lit";

export const helpdeskStyles = css`
  .msg.note { align-self: flex-end; align-items: flex-end; }
  .note .bubble { background: color-mix(in srgb, var(--warn) 14%, var(--surface)); border: 1px dashed color-mix(in srgb, var(--warn) 60%, var(--line)); color: var(--text); border-bottom-right-radius: 5px; }
  .note .meta { color: var(--warn); }
  .note.sending .bubble { opacity: 0.7; }
  .composer.noting { border-style: dashed; border-color: var(--warn); background: color-mix(in srgb, var(--warn) 8%, var(--surface)); }
  .note-toggle[aria-pressed="true"] { background: color-mix(in srgb, var(--warn) 22%, var(--surface)); color: var(--warn); font-weight: 700; }
  reply-composer { display: block; position: relative; }
  .canned-picker { position: absolute; inset: auto 18px calc(100% + 4px); z-index: 5; max-height: 280px; overflow-y: auto; padding: 6px; border: 1px solid var(--line); border-radius: 12px; background: var(--surface); box-shadow: 0 8px 24px rgb(17 24 39 / 0.16); }
  .canned-head { margin: 2px 8px 6px; color: var(--muted); font-size: 11.5px; }
  .canned-empty { margin: 6px 8px; }
  .canned-picker ul { margin: 0; padding: 0; list-style: none; }
  .canned-picker li { display: flex; flex-direction: column; gap: 2px; padding: 7px 10px; border-radius: 8px; cursor: pointer; }
  .canned-picker li span { overflow: hidden; white-space: nowrap; text-overflow: ellipsis; font-size: 12.5px; }
  .canned-picker li.active { background: color-mix(in srgb, var(--accent) 12%, var(--surface)); }
`;
