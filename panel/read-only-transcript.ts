/**
 * A closed conversation's transcript, read-only: the same bubbles as the live conversation
 * (visitor, agent, the team's system lines as centred notices, agents' private notes dashed
 * in amber), each with its date and author, and no reply box. Rendered by `<history-view>`
 * and `<visitor-history>`, inside shadow roots that carry `panelStyles` and `helpdeskStyles`.
 */
import { html } from "lit";
import type { ChatMessage } from "../protocol/wire";
import { dateTime } from "./format";

export function renderReadOnlyTranscript(messages: readonly ChatMessage[], myName: string) {
  return html`<ol class="transcript read-only" data-testid="history-transcript" aria-label="Transcript (read-only)" tabindex="0">
    ${messages.map((message) => {
      const note = message.from === "note";
      const author =
        (message.from === "agent" || note) && message.authorName && message.authorName !== myName
          ? `${message.authorName} · `
          : message.from === "visitor" && message.authorName
            ? `${message.authorName} · `
            : "";
      return html`<li class="msg ${message.from}" data-testid="history-message" data-from=${message.from} data-seq=${message.seq}>
        <p class="bubble">${message.text}</p>
        <span class="meta">${note ? "Private note · " : ""}${message.from === "system" ? "" : author}${dateTime(message.at)}</span>
      </li>`;
    })}
  </ol>`;
}
