/**
 * The sidebar of the panel: my inbox (assigned, open) and each team's queue with its claim
 * buttons. Template functions rendered inside `<agent-panel>`'s shadow root.
 */
import { html, nothing } from "lit";
import type { ConversationSummary } from "../protocol";
import type { AgentDesk } from "./agent-desk";
import { initials, waitText } from "./format";
import type { TeamConnection } from "./team-connection";

/** A visitor waiting longer than this is shown in red. */
const LONG_WAIT_MS = 5 * 60_000;

export function renderInbox(desk: AgentDesk) {
  const rows = desk.teams.flatMap((team) => team.inbox.map((conversation) => ({ team, conversation })));
  return html`<section aria-label="Inbox">
    <h3 class="list-title">Inbox <span class="count" data-testid="inbox-count">${rows.length}</span></h3>
    ${rows.length === 0
      ? html`<p class="empty">No open conversations. Claim one from the queue.</p>`
      : html`<ul data-testid="inbox">
          ${rows.map(({ team, conversation }) => {
            const unread = team.unread.get(conversation.id) ?? 0;
            return html`<li class="item ${selectedClass(desk, conversation)}" data-testid="inbox-item" data-conversation-id=${conversation.id}>
              ${openButton(desk, team, conversation, conversation.waitingSince)}
              ${unread > 0 ? html`<span class="unread" data-testid="inbox-unread">${unread}</span>` : nothing}
            </li>`;
          })}
        </ul>`}
  </section>`;
}

export function renderQueues(desk: AgentDesk) {
  return desk.teams.map((team) => renderQueue(desk, team, desk.teams.length > 1));
}

/** One team's queue; with several teams each is titled with its team. */
function renderQueue(desk: AgentDesk, team: TeamConnection, showTeam: boolean) {
  const online = team.me?.status === "online";
  const full = team.me !== null && team.me.open >= team.me.limit;
  return html`<section aria-label="Queue of ${team.teamName}" data-testid="queue" data-team-id=${team.teamId}>
    <h3 class="list-title">
      ${showTeam ? `Queue · ${team.teamName}` : "Queue"} <span class="count" data-testid="queue-count">${team.queue.length}</span>
    </h3>
    ${!online
      ? html`<p class="empty">Go online to see and take waiting conversations.</p>`
      : team.queue.length === 0
        ? html`<p class="empty">Nobody is waiting.</p>`
        : html`<ul>
            ${team.queue.map(
              (conversation) => html`<li class="item ${selectedClass(desk, conversation)}" data-testid="queue-item" data-conversation-id=${conversation.id}>
                ${openButton(desk, team, conversation, conversation.waitingSince ?? conversation.createdAt)}
                <button
                  class="primary claim"
                  data-testid="claim-button"
                  ?disabled=${full}
                  title=${full ? "You are at your limit of open conversations" : "Take this conversation"}
                  @click=${() => team.claim(conversation.id)}
                >
                  Claim
                </button>
              </li>`,
            )}
          </ul>`}
  </section>`;
}

function openButton(desk: AgentDesk, team: TeamConnection, conversation: ConversationSummary, since: number | null) {
  const long = since !== null && desk.now - since > LONG_WAIT_MS;
  return html`<button class="pick" @click=${() => desk.select(team, conversation.id)}>
    <span class="avatar" aria-hidden="true">${initials(conversation.visitorName)}</span>
    <span class="summary">
      <span class="line">
        <span class="name">${conversation.visitorName}</span>
        ${since === null ? nothing : html`<span class="wait ${long ? "long" : ""}" title="Waiting since the visitor's last message">${waitText(since, desk.now)}</span>`}
      </span>
      <span class="preview">${preview(conversation)}</span>
    </span>
  </button>`;
}

function preview(conversation: ConversationSummary): string {
  const last = conversation.lastMessage;
  if (!last) return "No messages yet";
  return last.from === "agent" ? `Agent: ${last.text}` : last.text;
}

const selectedClass = (desk: AgentDesk, conversation: ConversationSummary): string =>
  desk.selection?.conversationId === conversation.id ? "selected" : "";
