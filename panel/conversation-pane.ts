/**
 * The main pane of the panel: the selected conversation's header and actions (transfer,
 * escalate, close, or claim), its transcript (text only, never HTML; the team's system lines
 * as centred notices), the typing indicator, the reply box (Enter sends, Shift+Enter breaks
 * the line), and the visitor column. Template functions rendered inside `<agent-panel>`.
 */
import { html, nothing } from "lit";
import { keyed } from "lit/directives/keyed.js";
import { CSAT_MAX_SCORE, type CsatRating } from "../protocol/wire";
import { Delivery, type TranscriptEntry } from "../client/transcript";
import type { AgentDesk, Selection } from "./agent-desk";
import { clockTime, initials, languageName } from "./format";
import { keysOf, ShortcutAction } from "./keyboard-shortcuts";
import { renderConversationLabels } from "./conversation-labels";
import "./reply-composer";
import { renderVisitorDetails } from "./visitor-details";
import { renderEntryFiles } from "./panel-attachments";

const endedText: Record<string, string> = {
  closed: "This conversation is closed.",
  transferred: "This conversation was transferred.",
  claimed_by_other: "A colleague took this conversation.",
  reassigned: "This conversation was reassigned.",
  escalated: "This conversation was escalated to a higher tier.",
  deleted: "This conversation's data was deleted.",
};

/** What the pane asks of the panel element. */
export interface PaneActions {
  openTransfer(): void;
}

export function renderConversation(desk: AgentDesk, actions: PaneActions) {
  const selection = desk.selection;
  if (!selection) {
    return html`<div class="placeholder">
      <h2>No conversation selected</h2>
      <p>Pick one from your inbox, or claim a visitor waiting in the queue.</p>
      <p class="muted">${keysOf(ShortcutAction.next)} moves through the list · <kbd>?</kbd> shows every shortcut</p>
    </div>`;
  }
  const { team, conversation, conversationId } = selection;
  const transcript = team.transcript(conversationId);
  const standing = team.standing(conversationId);
  const mine = standing === "assigned";
  const state =
    standing === "ended" ? (team.ended.get(conversationId) ?? "closed").replaceAll("_", " ") : standing;
  const name = conversation?.visitorName ?? "Visitor";
  return html`<div class="conversation">
      <header class="conversation-head">
        <span class="avatar" aria-hidden="true">${initials(name)}</span>
        <div class="title">
          <h2 data-testid="conversation-title">${name}</h2>
          <p class="details"><span class="state ${state}" data-testid="conversation-state">${state}</span> ${details(selection)}</p>
        </div>
        ${conversation ? renderConversationLabels(desk, team, conversation) : nothing}
        ${
          conversation
            ? html`<button class="ghost details-toggle" data-testid="details-toggle" popovertarget="visitor-details" title="Who the visitor is">
              Visitor
            </button>`
            : nothing
        }
        ${
          mine
            ? html`<div class="actions">
              <button class="ghost" data-testid="transfer-conversation" title="Transfer (${keysOf(ShortcutAction.transfer)})" @click=${actions.openTransfer}>
                Transfer
              </button>
              ${
                conversation && conversation.tier < 3
                  ? html`<button
                    class="ghost"
                    data-testid="escalate-conversation"
                    title="Move up to support tier L${conversation.tier + 1}"
                    @click=${() => team.escalate(conversationId)}
                  >
                    Escalate to L${conversation.tier + 1}
                  </button>`
                  : nothing
              }
              <button class="ghost danger" data-testid="close-conversation" title="Close (${keysOf(ShortcutAction.close)})" @click=${() => team.close(conversationId)}>
                Close
              </button>
            </div>`
            : nothing
        }
      </header>
      ${
        conversation?.transferNote
          ? html`<p class="callout note" data-testid="transfer-note"><strong>Transfer note:</strong> ${conversation.transferNote}</p>`
          : nothing
      }
      ${renderRating(team.ratings.get(conversationId))}
      <ol class="transcript" data-testid="transcript" aria-live="polite" aria-label="Transcript" tabindex="0">
        ${transcript.entries.map((entry) => renderMessage(desk, selection, entry))}
      </ol>
      <p class="typing" data-testid="visitor-typing" aria-live="polite">${team.typing.visitors.has(conversationId) ? `${name} is typing…` : ""}</p>
      ${keyed(conversationId, renderFooter(desk, selection, mine))}
    </div>
    ${renderVisitorDetails(team, conversation, desk.now, desk)}`;
}

/** The visitor's rating of this conversation, once they gave one (after it closed). */
function renderRating(rating: CsatRating | undefined) {
  if (!rating) return nothing;
  return html`<p class="callout rating" data-testid="conversation-rating" data-score=${rating.score}>
    <strong>Visitor's rating:</strong>
    <span class="stars" aria-hidden="true">${"★".repeat(rating.score)}${"☆".repeat(CSAT_MAX_SCORE - rating.score)}</span>
    <span>${rating.score} of ${CSAT_MAX_SCORE}</span>${rating.comment ? html` · <q data-testid="conversation-rating-comment">${rating.comment}</q>` : nothing}
    <span class="muted"> · ${clockTime(rating.at)}</span>
  </p>`;
}

/**
 * The visitor's name and email for a canned reply: the verified ones, else what the page said
 * (an unsigned hint is fine for a greeting), else the visitor's label.
 */
function greetingNames(conversation: Selection["conversation"]): { name: string; email?: string } {
  if (!conversation) return { name: "" };
  const { visitor } = conversation;
  const hinted = (key: string) =>
    typeof visitor.hints[key] === "string" ? String(visitor.hints[key]) : undefined;
  const name = visitor.userId ? visitor.name : (hinted("user.name") ?? visitor.name);
  const email = visitor.email ?? hinted("user.email");
  return email ? { name, email } : { name };
}

function details({ team, conversation }: Selection): string {
  if (!conversation) return team.teamName;
  const parts = [team.teamName];
  if (conversation.locale) parts.push(languageName(conversation.locale));
  if (conversation.page) parts.push(conversation.page);
  return parts.join(" · ");
}

function renderMessage(desk: AgentDesk, { team, conversationId }: Selection, entry: TranscriptEntry) {
  if (entry.from === "system") {
    // A plain list item: role=note on an <li> breaks the list for screen readers (axe "list").
    return html`<li class="msg system" data-testid="transcript-message" data-from="system" data-seq=${entry.seq ?? ""}>
      <p class="bubble">${entry.text}</p>
      <span class="meta">${clockTime(entry.at)}</span>
    </li>`;
  }
  const note = entry.from === "note";
  const meta =
    entry.delivery === Delivery.sending
      ? "Sending…"
      : entry.delivery === Delivery.failed
        ? html`Not sent (${entry.error})<button class="link" data-testid="retry" @click=${() => team.retry(conversationId, entry.clientId!)}>Retry</button>`
        : `${note ? "Private note · " : ""}${(entry.from === "agent" || note) && entry.authorName && entry.authorName !== desk.agent?.name ? `${entry.authorName} · ` : ""}${clockTime(entry.at)}`;
  return html`<li
    class="msg ${entry.from} ${entry.delivery}"
    data-testid="transcript-message"
    data-from=${entry.from}
    data-delivery=${entry.delivery}
    data-seq=${entry.seq ?? ""}
  >
    ${entry.text ? html`<p class="bubble">${entry.text}</p>` : nothing}
    ${renderEntryFiles(entry, team, desk.credentials, () => desk.changed())}
    <span class="meta">${meta}</span>
  </li>`;
}

function renderFooter(desk: AgentDesk, { team, conversationId, conversation }: Selection, mine: boolean) {
  if (mine) {
    return html`<reply-composer
      .team=${team}
      .conversationId=${conversationId}
      .agentName=${desk.agent?.name ?? ""}
      .credentials=${desk.credentials}
      .visitor=${greetingNames(conversation)}
    ></reply-composer>`;
  }
  if (team.standing(conversationId) === "queued") {
    const full = team.me !== null && team.me.open >= team.me.limit;
    const online = team.me?.status === "online";
    return html`<div class="bar">
      <span>${!online ? "Go online to take this conversation." : full ? "You are at your limit of open conversations." : "This visitor is waiting in the queue."}</span>
      <button class="primary" data-testid="claim-selected" title="Claim (${keysOf(ShortcutAction.claim)})" ?disabled=${full || !online} @click=${() => team.claim(conversationId)}>
        Claim
      </button>
    </div>`;
  }
  const reason = team.ended.get(conversationId);
  const text = reason
    ? (endedText[reason] ?? endedText.closed)
    : "This conversation is no longer in the queue.";
  return html`<div class="bar" data-testid="conversation-ended">${text}</div>`;
}
