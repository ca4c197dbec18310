/**
 * The `/` list of the reply box: which canned replies match what follows the `/` (title
 * first, then text; every word must match), and the list as rendered above the composer.
 * Pure matching plus one template; `<reply-composer>` owns the state and the keys
 * (↑/↓ move, Enter or Tab inserts, Esc closes).
 */
import { html } from "lit";
import type { CannedReply } from "../protocol/wire";

/** The query while the reply box holds `/words` on its own (no line break), else null. */
export function slashQuery(value: string): string | null {
  const match = /^\/([^\n]*)$/.exec(value);
  return match ? (match[1] ?? "") : null;
}

/** Replies whose title or text hold every word of the query, titles matching first. */
export function matchCannedReplies(replies: readonly CannedReply[], query: string): CannedReply[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const hits = replies.filter((reply) => {
    const haystack = `${reply.title} ${reply.text}`.toLowerCase();
    return words.every((word) => haystack.includes(word));
  });
  const inTitle = (reply: CannedReply) => words.every((word) => reply.title.toLowerCase().includes(word));
  return [...hits.filter(inTitle), ...hits.filter((reply) => !inTitle(reply))];
}

export function renderCannedPicker(
  matches: readonly CannedReply[],
  active: number,
  total: number,
  pick: (reply: CannedReply) => void,
) {
  return html`<div class="canned-picker" data-testid="canned-picker">
    <p class="canned-head">Canned replies · ↑↓ choose · Enter inserts · Esc closes</p>
    ${
      matches.length === 0
        ? html`<p class="muted canned-empty">${total === 0 ? "This team has no canned replies yet." : "No canned reply matches."}</p>`
        : html`<ul role="listbox" id="canned-list" aria-label="Canned replies">
          ${matches.map(
            (reply, index) => html`<li
              role="option"
              id=${`canned-${reply.id}`}
              class=${index === active ? "active" : ""}
              aria-selected=${index === active ? "true" : "false"}
              data-testid="canned-option"
              @mousedown=${(event: MouseEvent) => {
                // Keep the focus in the reply box.
                event.preventDefault();
                pick(reply);
              }}
            >
              <strong>${reply.title}</strong>
              <span class="muted">${reply.text}</span>
            </li>`,
          )}
        </ul>`
    }
  </div>`;
}
