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
`;
