/**
 * The transfer dialog: hand the conversation on to a colleague of the same team (with their
 * presence and load, so the agent picks someone who can take it) or to another team, with a
 * note. The server keeps the note on transfers between teams only (a colleague sees the
 * transcript, and no note yet: that needs a TeamDO change). The form is read on submit, so it keeps no state of its own.
 * Rendered inside `<agent-panel>` as a modal `<dialog>` (Esc cancels).
 */
import { html, nothing } from "lit";
import type { AgentDesk, Selection } from "./agent-desk";
import { presenceLabel } from "./conversation-lists";
import type { TransferTarget } from "./team-connection";

export const TRANSFER_NOTE_MAX = 1000;

export function renderTransferDialog(desk: AgentDesk, selection: Selection, onDone: () => void) {
  const { team, conversationId } = selection;
  const colleagues = [...team.agents.values()].filter((agent) => agent.id !== desk.agent?.id).sort((a, b) => a.name.localeCompare(b.name));
  // Teams this agent knows: their own. Any other team of the site can be typed by its id.
  const teams = desk.teams.filter((other) => other !== team);
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const choice = String(form.get("target") ?? "");
    const typedTeam = String(form.get("otherTeam") ?? "").trim();
    let target: TransferTarget | null = null;
    if (choice.startsWith("agent:")) target = { toAgentId: choice.slice(6) };
    else if (choice.startsWith("team:")) target = { toTeamId: choice.slice(5) };
    else if (choice === "other" && typedTeam) target = { toTeamId: typedTeam.toLowerCase() };
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
        ${teams.map(
          (other) => html`<label class="choice" data-testid="transfer-team" data-team-id=${other.teamId}>
            <input type="radio" name="target" value="team:${other.teamId}" />
            <span class="grow">${other.teamName}</span>
            <span class="muted">its policy picks the agent</span>
          </label>`,
        )}
        <label class="choice">
          <input type="radio" name="target" value="other" />
          <span class="grow">Other team, by id</span>
          <input
            name="otherTeam"
            class="inline"
            data-testid="transfer-team-id"
            placeholder="e.g. billing"
            autocomplete="off"
            @input=${(event: Event) => {
              const radio = (event.currentTarget as HTMLInputElement).form?.querySelector<HTMLInputElement>('input[value="other"]');
              if (radio) radio.checked = true;
            }}
          />
        </label>
      </fieldset>
      <label class="field">
        <span>Note for the team that takes it over (the visitor does not see it)</span>
        <small class="muted">A colleague in this team gets the whole transcript; notes are kept on transfers to another team.</small>
        <textarea name="note" data-testid="transfer-note-input" maxlength=${TRANSFER_NOTE_MAX} rows="3" placeholder="What the visitor needs, what you tried…"></textarea>
      </label>
      <div class="dialog-actions">
        <button type="button" class="ghost" @click=${onDone}>Cancel</button>
        <button type="submit" class="primary" data-testid="transfer-submit">Transfer</button>
      </div>
    </form>
  </dialog>`;
}
