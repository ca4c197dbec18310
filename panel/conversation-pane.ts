/**
 * The main pane of the panel: the selected conversation's header, transcript (text only,
 * never HTML) and the reply box (Enter sends, Shift+Enter breaks the line), or the claim
 * bar for a queued conversation. Template functions rendered inside `<agent-panel>`.
 */
import { html, nothing } from "lit";
import { keyed } from "lit/directives/keyed.js";
import { MAX_MESSAGE_CHARS } from "../protocol/limits";
import { Delivery, type TranscriptEntry } from "../widget/transcript";
import type { AgentDesk, Selection } from "./agent-desk";
import { clockTime, initials } from "./format";

const endedText: Record<string, string> = {
  closed: "This conversation is closed.",
  transferred: "This conversation was transferred to a colleague.",
  claimed_by_other: "A colleague took this conversation.",
  reassigned: "This conversation was reassigned.",
};

export function renderConversation(desk: AgentDesk) {
  const selection = desk.selection;
  if (!selection) {
    return html`<div class="placeholder">
      <h2>No conversation selected</h2>
      <p>Pick one from your inbox, or claim a visitor waiting in the queue.</p>
    </div>`;
  }
  const { team, conversation, conversationId } = selection;
  const transcript = team.transcript(conversationId);
  const standing = team.standing(conversationId);
  const mine = standing === "assigned";
  const state = standing === "ended" ? (team.ended.get(conversationId) ?? "closed").replaceAll("_", " ") : standing;
  return html`
    <header class="conversation-head">
      <span class="avatar" aria-hidden="true">${initials(conversation?.visitorName ?? "Visitor")}</span>
      <div class="title">
        <h2 data-testid="conversation-title">${conversation?.visitorName ?? "Visitor"}</h2>
        <p class="details">${details(selection)}</p>
      </div>
      <span class="state ${state}" data-testid="conversation-state">${state}</span>
      ${mine
        ? html`<button class="ghost" data-testid="close-conversation" @click=${() => team.close(conversationId)}>Close conversation</button>`
        : nothing}
    </header>
    <ol class="transcript" data-testid="transcript" aria-live="polite">
      ${transcript.entries.map((entry) => renderMessage(desk, selection, entry))}
    </ol>
    <p class="typing" data-testid="visitor-typing">${team.typing.has(conversationId) ? `${conversation?.visitorName ?? "The visitor"} is typing…` : ""}</p>
    ${keyed(conversationId, renderFooter(desk, selection, mine))}
  `;
}

function details({ team, conversation }: Selection): string {
  if (!conversation) return team.teamName;
  const parts = [team.teamName];
  if (conversation.locale) parts.push(conversation.locale);
  if (conversation.page) parts.push(conversation.page);
  return parts.join(" · ");
}

function renderMessage(desk: AgentDesk, { team, conversationId }: Selection, entry: TranscriptEntry) {
  const meta =
    entry.delivery === Delivery.sending
      ? "Sending…"
      : entry.delivery === Delivery.failed
        ? html`Not sent (${entry.error})<button class="link" data-testid="retry" @click=${() => team.retry(conversationId, entry.clientId!)}>Retry</button>`
        : `${entry.from === "agent" && entry.authorName && entry.authorName !== desk.agent?.name ? `${entry.authorName} · ` : ""}${clockTime(entry.at)}`;
  return html`<li
    class="msg ${entry.from} ${entry.delivery}"
    data-testid="transcript-message"
    data-from=${entry.from}
    data-delivery=${entry.delivery}
    data-seq=${entry.seq ?? ""}
  >
    <p class="bubble">${entry.text}</p>
    <span class="meta">${meta}</span>
  </li>`;
}

function renderFooter(desk: AgentDesk, { team, conversation, conversationId }: Selection, mine: boolean) {
  if (mine) {
    const send = (form: HTMLFormElement): void => {
      const input = form.elements.namedItem("reply") as HTMLTextAreaElement;
      if (team.reply(conversationId, input.value, desk.agent?.name ?? "")) input.value = "";
      input.focus();
    };
    return html`<form
        class="composer"
        @submit=${(event: SubmitEvent) => {
          event.preventDefault();
          send(event.currentTarget as HTMLFormElement);
        }}
      >
        <textarea
          name="reply"
          data-testid="reply-input"
          placeholder="Write a reply…"
          aria-label="Reply"
          maxlength=${MAX_MESSAGE_CHARS}
          @input=${() => team.noteTyping(conversationId)}
          @keydown=${(event: KeyboardEvent) => {
            if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
              event.preventDefault();
              send((event.currentTarget as HTMLTextAreaElement).form!);
            }
          }}
        ></textarea>
        <button class="primary" type="submit" data-testid="reply-send">Send</button>
      </form>
      <p class="hint">Enter to send · Shift+Enter for a new line</p>`;
  }
  if (team.standing(conversationId) === "queued") {
    const full = team.me !== null && team.me.open >= team.me.limit;
    return html`<div class="bar">
      <span>${team.me?.status === "online" ? "This visitor is waiting in the queue." : "Go online to take this conversation."}</span>
      <button class="primary" data-testid="claim-selected" ?disabled=${full || team.me?.status !== "online"} @click=${() => team.claim(conversationId)}>
        Claim
      </button>
    </div>`;
  }
  const reason = team.ended.get(conversationId);
  const text = reason ? (endedText[reason] ?? endedText.closed) : "This conversation is no longer in the queue.";
  return html`<div class="bar" data-testid="conversation-ended">${text}</div>`;
}
