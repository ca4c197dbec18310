/**
 * The notice an agent finds in their inbox after being away or offline: which chats were
 * handed on from them meanwhile, whether they had answered, and who has each now (or that it
 * went back to the queue), from the team's `handovers` frame, until they dismiss it. Without
 * it, chats would vanish from the inbox unexplained. Rendered by `conversation-lists.ts`.
 */
import { css, html, nothing } from "lit";
import { clockTime } from "./format";
import type { TeamConnection } from "./team-connection";

export const handoverNoticeStyles = css`
  .handed-on { display: flex; flex-direction: column; gap: 8px; margin: 0 6px 12px; padding: 10px 12px; border: 1px solid color-mix(in srgb, var(--warn) 35%, var(--line)); border-radius: 12px; background: color-mix(in srgb, var(--warn) 10%, var(--surface)); font-size: 13px; }
  .handed-on-title { margin: 0; font-weight: 700; }
  .handed-on ul { display: flex; flex-direction: column; gap: 4px; margin: 0; padding: 0; list-style: none; }
  .handed-on li { display: flex; flex-wrap: wrap; align-items: baseline; gap: 2px 6px; }
  .handed-on .to { color: var(--muted); }
  .handed-on button { align-self: flex-start; }
`;

/** One team's notice (`several`: the agent is in more than one team, so it names the team). */
export function renderHandoverNotice(team: TeamConnection, several: boolean) {
  if (team.handedOn.length === 0) return nothing;
  return html`<div class="handed-on" role="status" data-testid="handed-on">
    <p class="handed-on-title">While you were away${several ? ` · ${team.teamName}` : ""}</p>
    <ul>
      ${team.handedOn.map(
        (handover) =>
          html`<li data-testid="handed-on-item" data-conversation-id=${handover.conversationId}>
            <strong>${handover.visitorName || "A visitor"}</strong>
            ${handover.answered ? nothing : html`<span class="tag">unanswered</span>`}
            <span class="to">${handover.toAgentName ? `now with ${handover.toAgentName}` : "back in the queue"}, ${clockTime(handover.at)}</span>
          </li>`,
      )}
    </ul>
    <button class="ghost" data-testid="handed-on-dismiss" @click=${() => team.dismissHandovers()}>Dismiss</button>
  </div>`;
}
