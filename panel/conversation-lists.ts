/**
 * The sidebar of the panel: my inbox (assigned and open, longest waiting first, over all my
 * teams, narrowed to one label if the agent picks one) and each team's queue with position, priority, tier, language, wait and a claim
 * button. Template functions rendered inside `<agent-panel>`'s shadow root.
 */
import { html, nothing } from "lit";
import type { ConversationSummary, PresenceStatus } from "../protocol/wire";
import { needsMe, type AgentDesk, type ListedConversation } from "./agent-desk";
import { initials, languageName, waitText } from "./format";
import { renderHandoverNotice } from "./handover-notice";
import { labelsOf } from "./history-api";
import { keysOf, ShortcutAction } from "./keyboard-shortcuts";
import type { TeamConnection } from "./team-connection";

/** A visitor waiting longer than this is shown in red. */
const LONG_WAIT_MS = 5 * 60_000;

export const presences: readonly PresenceStatus[] = ["online", "away", "offline"];
export const presenceLabel = (status: PresenceStatus | "mixed"): string =>
  status[0]!.toUpperCase() + status.slice(1);

export function renderInbox(desk: AgentDesk) {
  const rows = desk.listed.filter(
    (row) =>
      row.list === "inbox" &&
      (desk.labelFilter === null || labelsOf(row.conversation).includes(desk.labelFilter)),
  );
  const several = desk.teams.length > 1;
  return html`<section aria-labelledby="inbox-title">
    <h3 class="list-title" id="inbox-title"><span>Inbox</span> <span class="count" data-testid="inbox-count">${rows.length}</span></h3>
    <inbox-label-filter .credentials=${desk.credentials} .teamIds=${desk.teams.map((team) => team.teamId)}
      .value=${desk.labelFilter} @label-filter=${(event: CustomEvent<string | null>) => {
        desk.labelFilter = event.detail;
        desk.changed();
      }}></inbox-label-filter>
    ${desk.teams.map((team) => renderHandoverNotice(team, several))}
    ${
      rows.length === 0
        ? html`<p class="empty">No open conversations.${desk.teams.some((team) => team.me?.status === "online") ? "" : " Go online to get chats."}</p>`
        : html`<ul data-testid="inbox">
          ${rows.map(({ team, conversation }) => {
            const unread = team.unread.get(conversation.id) ?? 0;
            // Nothing unread in this tab but still waiting for my reply (new, or from before a
            // reload): marked too, from the server's waitingSince, in every tab and device.
            const waiting = unread === 0 && needsMe(team, conversation) > 0;
            return html`<li class="item ${selectedClass(desk, conversation)}" data-testid="inbox-item" data-conversation-id=${conversation.id}>
              ${openButton(desk, { team, conversation, list: "inbox" }, conversation.waitingSince, several ? team.teamName : null)}
              ${unread > 0 ? html`<span class="unread" data-testid="inbox-unread" aria-label="${unread} unread">${unread}</span>` : nothing}
              ${waiting ? html`<span class="unread" data-testid="inbox-waiting" title="Waiting for your reply" aria-label="waiting for your reply">•</span>` : nothing}
            </li>`;
          })}
        </ul>`
    }
  </section>`;
}

export function renderQueues(desk: AgentDesk) {
  return desk.teams.map((team) => renderQueue(desk, team, desk.teams.length > 1));
}

/** One team's queue; with several teams each is titled with its team and has its own presence. */
function renderQueue(desk: AgentDesk, team: TeamConnection, several: boolean) {
  const online = team.me?.status === "online";
  const full = team.me !== null && team.me.open >= team.me.limit;
  return html`<section aria-label="Queue of ${team.teamName}" data-testid="queue" data-team-id=${team.teamId}>
    <h3 class="list-title">
      <span>${several ? `Queue · ${team.teamName}` : "Queue"}</span>
      ${
        several
          ? html`<select
            class="mini-presence"
            aria-label="My presence in ${team.teamName}"
            data-testid="team-presence"
            .value=${desk.presenceIn(team)}
            @change=${(event: Event) => desk.setPresence((event.currentTarget as HTMLSelectElement).value as PresenceStatus, team.teamId)}
          >
            ${presences.map((status) => html`<option value=${status} ?selected=${status === desk.presenceIn(team)}>${presenceLabel(status)}</option>`)}
          </select>`
          : nothing
      }
      <span class="count" data-testid="queue-count">${team.queue.length}</span>
    </h3>
    ${
      !online
        ? html`<p class="empty">Go online to see and take waiting conversations.</p>`
        : team.queue.length === 0
          ? html`<p class="empty">Nobody is waiting.</p>`
          : html`<ul>
            ${team.queue.map(
              (
                conversation,
              ) => html`<li class="item queued ${selectedClass(desk, conversation)}" data-testid="queue-item" data-conversation-id=${conversation.id}>
                ${openButton(desk, { team, conversation, list: "queue" }, conversation.waitingSince ?? conversation.createdAt, null)}
                <button
                  class="primary claim"
                  data-testid="claim-button"
                  ?disabled=${full}
                  title=${full ? "You are at your limit of open conversations" : `Take this conversation (${keysOf(ShortcutAction.claim)} when open)`}
                  @click=${() => team.claim(conversation.id)}
                >
                  Claim
                </button>
              </li>`,
            )}
          </ul>`
    }
  </section>`;
}

function openButton(
  desk: AgentDesk,
  { team, conversation, list }: ListedConversation,
  since: number | null,
  teamName: string | null,
) {
  const long = since !== null && desk.now - since > LONG_WAIT_MS;
  return html`<button class="pick" data-testid="open-conversation" @click=${() => desk.select(team, conversation.id)}>
    ${
      list === "queue" && conversation.position !== null
        ? html`<span class="position" title="Place in the queue" data-testid="queue-position">#${conversation.position}</span>`
        : html`<span class="avatar" aria-hidden="true">${initials(conversation.visitorName)}</span>`
    }
    <span class="summary">
      <span class="line">
        <span class="name">${conversation.visitorName}</span>
        ${
          since === null
            ? nothing
            : html`<span class="wait ${long ? "long" : ""}" data-testid="wait" title="Waiting since the visitor's last message">${waitText(since, desk.now)}</span>`
        }
      </span>
      <span class="tags">
        ${teamName ? html`<span class="tag">${teamName}</span>` : nothing}
        ${conversation.priority > 0 ? html`<span class="tag priority" title="Priority ${conversation.priority}" data-testid="priority">P${conversation.priority}</span>` : nothing}
        ${conversation.tier > 1 ? html`<span class="tag" title="Support tier">L${conversation.tier}</span>` : nothing}
        ${conversation.locale ? html`<span class="tag" title=${languageName(conversation.locale)} data-testid="language">${conversation.locale}</span>` : nothing}
        ${conversation.offline ? html`<span class="tag offline" title="Left through the offline form">offline form</span>` : nothing}
        <span class="preview">${preview(team, conversation)}</span>
      </span>
    </span>
  </button>`;
}

/** The last thing a person wrote (the team's system lines are not news), from the transcript if held. */
function preview(team: TeamConnection, conversation: ConversationSummary): string {
  const entries = team.heldTranscript(conversation.id)?.entries ?? [];
  const said = [...entries].reverse().find((entry) => entry.from !== "system");
  const last =
    said ??
    (conversation.lastMessage?.from === "system" && entries.length > 0 ? null : conversation.lastMessage);
  if (!last) return "No messages yet";
  if (last.from === "note") return `Note: ${last.text}`;
  return last.from === "agent" ? `Agent: ${last.text}` : last.text;
}

const selectedClass = (desk: AgentDesk, conversation: ConversationSummary): string =>
  desk.selection?.conversationId === conversation.id ? "selected" : "";
