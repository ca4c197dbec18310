/**
 * `<agent-panel>`: the agent's web page at /panel/. Signs in from the login link (the token
 * moves from the URL fragment to sessionStorage), then shows the top bar (teams' load,
 * presence, sign out), the inbox and queues, and the selected conversation. State and
 * sockets live in `AgentDesk`; this element only renders it.
 *
 * @cssprop --panel-accent - main colour of the panel
 */
import { html, LitElement, nothing, svg } from "lit";
import { customElement, state } from "lit/decorators.js";
import type { PresenceStatus } from "../protocol";
import { iconPaths } from "../widget/icons";
import { AgentDesk } from "./agent-desk";
import { renderInbox, renderQueues } from "./conversation-lists";
import { renderConversation } from "./conversation-pane";
import { initials } from "./format";
import { forgetCredentials, loadCredentials, parseLoginLink, saveCredentials, type PanelCredentials } from "./panel-auth";
import { panelStyles } from "./panel-styles";
import { renderSignIn } from "./sign-in-view";

const presences: PresenceStatus[] = ["online", "away", "offline"];

@customElement("agent-panel")
export class AgentPanel extends LitElement {
  static override styles = panelStyles;

  @state() private desk: AgentDesk | null = null;
  @state() private signInMessage: string | null = null;
  private stickToBottom = true;

  override connectedCallback(): void {
    super.connectedCallback();
    const credentials = loadCredentials();
    if (credentials && !this.desk) this.signIn(credentials);
  }

  private signIn(credentials: PanelCredentials): void {
    saveCredentials(credentials);
    this.signInMessage = null;
    this.desk = new AgentDesk(this, credentials, (message) => this.signOut(message));
  }

  private signOut(message: string | null): void {
    if (this.desk) {
      this.desk.signOut();
      this.removeController(this.desk);
    }
    forgetCredentials();
    this.desk = null;
    this.signInMessage = message;
  }

  protected override willUpdate(): void {
    const list = this.renderRoot.querySelector?.(".transcript");
    this.stickToBottom = !list || list.scrollHeight - list.scrollTop - list.clientHeight < 60;
  }

  protected override updated(): void {
    const list = this.renderRoot.querySelector(".transcript");
    if (list && this.stickToBottom) list.scrollTop = list.scrollHeight;
    const unread = this.desk?.teams.reduce((sum, team) => sum + [...team.unread.values()].reduce((a, b) => a + b, 0), 0) ?? 0;
    document.title = unread > 0 ? `(${unread}) Agent panel` : "Agent panel";
  }

  protected override render() {
    const desk = this.desk;
    if (!desk) {
      return html`${this.renderTopbar(null)}${renderSignIn(this.signInMessage, (link) => {
        const credentials = parseLoginLink(link);
        if (credentials) this.signIn(credentials);
        else this.signInMessage = "That is not a login link: it should end with #site=…&token=…";
      })}`;
    }
    const connecting = desk.teams.length === 0 || desk.teams.some((team) => !team.ready);
    return html`
      ${this.renderTopbar(desk)}
      ${connecting
        ? html`<div class="banner" role="status" data-testid="connection-banner">
            ${desk.teams.length === 0 ? "Connecting…" : "Reconnecting… your replies are kept and sent when the connection is back."}
          </div>`
        : nothing}
      <div class="desk">
        <aside>${renderInbox(desk)} ${renderQueues(desk)}</aside>
        <main>${renderConversation(desk)}</main>
      </div>
      ${desk.notice ? html`<div class="toast" role="alert" data-testid="panel-notice">${desk.notice}</div>` : nothing}
    `;
  }

  private renderTopbar(desk: AgentDesk | null) {
    return html`<header class="topbar">
      <div class="brand">
        <span class="mark">${svg`<svg viewBox="0 0 24 24" aria-hidden="true"><path d=${iconPaths.chat}></path></svg>`}</span>
        EdgeChat
        ${desk ? html`<span class="site" data-testid="site">${desk.credentials.site}</span>` : nothing}
      </div>
      <div class="spacer"></div>
      ${desk ? this.renderAgentControls(desk) : nothing}
    </header>`;
  }

  private renderAgentControls(desk: AgentDesk) {
    const presence = desk.currentPresence;
    return html`
      <div class="loads">
        ${desk.teams.map((team) => {
          const me = team.me;
          const full = me !== null && me.open >= me.limit;
          return html`<span class="load ${full ? "full" : ""}" data-testid="team-load" data-team-id=${team.teamId}
            title="Open conversations / your limit in ${team.teamName}"
            ><span class="dot ${team.socketState}"></span> ${team.teamName} <strong>${me ? `${me.open} / ${me.limit}` : "…"}</strong></span
          >`;
        })}
      </div>
      <label class="presence">
        <span class="dot ${presence}"></span>
        <select
          data-testid="presence-select"
          aria-label="Presence"
          .value=${presence}
          @change=${(event: Event) => desk.setPresence((event.currentTarget as HTMLSelectElement).value as PresenceStatus)}
        >
          ${presences.map((status) => html`<option value=${status} ?selected=${status === presence}>${label(status)}</option>`)}
        </select>
      </label>
      <span class="me" data-testid="agent-name">
        <span class="avatar" aria-hidden="true">${initials(desk.agent?.name ?? "?")}</span><span>${desk.agent?.name ?? ""}</span>
      </span>
      <button class="ghost" data-testid="sign-out" @click=${() => this.signOut("You signed out.")}>Sign out</button>
    `;
  }
}

const label = (status: PresenceStatus): string => status[0]!.toUpperCase() + status.slice(1);

declare global {
  interface HTMLElementTagNameMap {
    "agent-panel": AgentPanel;
  }
}
