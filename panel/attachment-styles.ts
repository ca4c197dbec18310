/**
 * Styles of attachments in the panel: thumbnails and file links in the transcript, the files
 * waiting in the reply box, the paperclip. Added to `<agent-panel>`'s styles.
 */
import { css } from "lit";

export const attachmentStyles = css`
  .files { list-style: none; margin: 4px 0 0; padding: 0; display: flex; flex-wrap: wrap; gap: 6px; }
  .msg.agent .files { justify-content: flex-end; }
  .file.image img, .thumb-wait { display: block; max-width: 160px; max-height: 160px; border-radius: 10px; border: 1px solid var(--line); background: var(--raised); object-fit: cover; }
  .thumb-wait { width: 120px; height: 90px; }
  .file.doc a, .file.doc .link-wait { display: inline-flex; gap: 8px; align-items: baseline; padding: 8px 12px; border: 1px solid var(--line); border-radius: 10px; background: var(--surface); color: var(--accent-text); text-decoration: none; max-width: 280px; }
  .file.doc a:hover .name { text-decoration: underline; }
  .file .name { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; font-weight: 500; }
  .file .size { color: var(--muted); font-size: 12px; white-space: nowrap; }
  .pending-files { list-style: none; display: flex; flex-wrap: wrap; gap: 6px; margin: 0 18px 6px; padding: 0; }
  .pending-files li { display: inline-flex; gap: 6px; align-items: center; padding: 4px 6px 4px 10px; border: 1px solid var(--line); border-radius: 999px; background: var(--surface); font-size: 12.5px; max-width: 100%; }
  .pending-files li.failed { border-color: var(--danger); color: var(--danger); }
  .pending-files .name { max-width: 180px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  .pending-files .size { color: var(--muted); }
  .pending-files li.failed .size { color: var(--danger); }
  .composer .attach { align-self: flex-end; display: inline-flex; padding: 6px; }
  .composer .attach svg { fill: currentColor; }
  @media (max-width: 640px) { .pending-files { margin: 0 10px 6px; } }
`;
