/**
 * One row of the chat's transcript in `<chat-widget-view>`: a visitor's, agent's or team's
 * message as text (never HTML), its files (drawn by the attachment chunk), the agent's name and time, and for the visitor's own
 * messages where they are on their way (sending, sent, failed with a retry button).
 */
import { html, nothing } from "lit";
import { Delivery, type TranscriptEntry } from "../client/transcript";
import type { ChatConnection } from "./chat-connection";
import { clock, fill, type Strings } from "./i18n";
import { willRetry } from "./outbox";

export function renderEntry(
  entry: TranscriptEntry,
  t: Strings,
  chat: ChatConnection,
  locale: string,
  files: (entry: TranscriptEntry) => unknown,
) {
  const mine = entry.from === "visitor";
  return html`<li
    class="${entry.from} ${entry.delivery}"
    part=${entry.from === "system" ? "notice" : "message"}
    data-testid="chat-message"
    data-from=${entry.from}
    data-delivery=${entry.delivery}
    data-seq=${entry.seq ?? ""}
  >
    ${entry.from === "agent" && entry.authorName ? html`<span class="author">${entry.authorName}</span>` : nothing}
    ${entry.text ? html`<p class="bubble" part="bubble" dir="auto">${entry.text}</p>` : nothing}${entry.attachments && files(entry)}
    ${mine ? renderDelivery(entry, t, chat, locale) : entry.from === "agent" ? html`<span class="meta">${clock(entry.at, locale)}</span>` : nothing}
  </li>`;
}

function renderDelivery(entry: TranscriptEntry, t: Strings, chat: ChatConnection, locale: string) {
  if (entry.delivery === Delivery.sending) return html`<span class="meta">${t.sending}</span>`;
  if (entry.delivery === Delivery.sent) {
    const offline = chat.offlineSent.get(entry.clientId ?? "");
    return html`<span class="meta">${clock(entry.at, locale)} · ${t.sent}${offline ? ` · ${fill(t.repliesTo, offline)}` : ""}</span>`;
  }
  return html`<span class="meta" data-testid="chat-failed"
    >${willRetry(entry) ? t.retrying : t.failed}
    <button class="retry" type="button" data-testid="chat-retry" @click=${() => chat.retry(entry.clientId!)}>${t.retry}</button></span
  >`;
}
