/**
 * The transfer dialog: hand the conversation on to a colleague of the same team (with their
 * presence and load, so the agent picks someone who can take it) or to another team, with a
 * note for whoever takes it over (the visitor does not see it). Every team of the site is
 * listed (from the session), not only the agent's own. The form is read on submit, so it
 * keeps no state of its own.
 * Rendered inside `<agent-panel>` as a modal `<dialog>` (Esc cancels).
 */
import { html, nothing } from "lit";
import type { AgentDesk, Selection } from "./agent-desk";
import { presenceLabel } from "./conversation-lists";
import type { TransferTarget } from "./team-connection";

export const TRANSFER_NOTE_MAX = 1000;

export function renderTransferDialog(desk: AgentDesk, selection: Selection, onDone: () => void) {
  const { team, conversationId } = selection;
  const colleagues = [...team.agents.values()]
    .filter((agent) => agent.id !== desk.agent?.id)
    .sort((a, b) => a.name.localeCompare(b.name));
  const teams = desk.siteTeams
    .filter((other) => other.id !== team.teamId)
    .sort((a, b) => a.name.localeCompare(b.name));
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const choice = String(form.get("target") ?? "");
    let target: TransferTarget | null = null;
    if (choice.startsWith("agent:")) target = { toAgentId: choice.slice(6) };
    else if (choice.startsWith("team:")) target = { toTeamId: choice.slice(5) };
    if (!target) {
      desk.say("Pick a colleague or a team to transfer to.");
      return;
    }
    team.transfer(conversationId, target, String(form.get("note") ?? ""));
    onDone();
  };
  return html`<dialog class="modal" data-testid="transfer-dialog" aria-labelledby="transfer-title" @close=${onDone}>
    <form @submit=${submit}>
      <h2 id="transfer-title">Transfer ${selection.conversation?.visitorName ?? "this conversation"}</h2>
      <fieldset>
        <legend>To a colleague in ${team.teamName}</legend>
        ${colleagues.length === 0 ? html`<p class="muted">Nobody else is in this team.</p>` : nothing}
        ${colleagues.map((agent) => {
          const full = agent.open >= agent.limit;
          const unavailable = agent.status === "offline" || full;
          return html`<label class="choice ${unavailable ? "unavailable" : ""}" data-testid="transfer-agent" data-agent-id=${agent.id}>
            <input type="radio" name="target" value="agent:${agent.id}" ?disabled=${unavailable} />
            <span class="dot ${agent.status}"></span>
            <span class="grow">${agent.name}</span>
            <span class="muted">${presenceLabel(agent.status)} · ${agent.open} / ${agent.limit}${full ? " · full" : ""}</span>
          </label>`;
        })}
      </fieldset>
      <fieldset>
        <legend>To another team</legend>
        ${teams.length === 0 ? html`<p class="muted">This site has no other team.</p>` : nothing}
        ${teams.map(
          (other) => html`<label class="choice" data-testid="transfer-team" data-team-id=${other.id}>
            <input type="radio" name="target" value="team:${other.id}" />
            <span class="grow">${other.name}</span>
            <span class="muted">its policy picks the agent</span>
          </label>`,
        )}
      </fieldset>
      <label class="field">
        <span>Note for the team that takes it over (the visitor does not see it)</span>
        <small class="muted">Whoever takes it over gets the whole transcript and this note.</small>
        <textarea name="note" data-testid="transfer-note-input" maxlength=${TRANSFER_NOTE_MAX} rows="3" placeholder="What the visitor needs, what you tried…"></textarea>
      </label>
      <div class="dialog-actions">
        <button type="button" class="ghost" @click=${onDone}>Cancel</button>
        <button type="submit" class="primary" data-testid="transfer-submit">Transfer</button>
      </div>
    </form>
  </dialog>`;
}
