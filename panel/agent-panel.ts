/**
 * `<agent-panel>`: the agent's web page at /panel/. Signs in from the login link or a pasted
 * token (kept in sessionStorage), then shows the top bar (views, teams' load, alerts,
 * shortcuts, presence, sign out) and one of three views: conversations (inbox, queues,
 * the selected conversation), and for a lead the team view and the team's settings. State
 * and sockets live in `AgentDesk`; this element renders it, owns the dialogs and the
 * keyboard shortcuts, and keeps the tab title's unread count.
 *
 * @cssprop --panel-accent - main colour of the panel
 */
import { html, LitElement, nothing, svg } from "lit";
import { customElement, state } from "lit/decorators.js";
import type { PresenceStatus } from "../protocol/wire";
import { iconPaths } from "../client/icons";
import { AgentDesk } from "./agent-desk";
import { presenceLabel, presences, renderInbox, renderQueues } from "./conversation-lists";
import { renderConversation } from "./conversation-pane";
import { initials } from "./format";
import { keysOf, renderShortcutList, ShortcutAction, shortcutFor } from "./keyboard-shortcuts";
import {
  forgetCredentials,
  loadCredentials,
  parseLoginLink,
  saveCredentials,
  type PanelCredentials,
} from "./panel-auth";
import { baseStyles, panelStyles } from "./panel-styles";
import { renderSignIn } from "./sign-in-view";
import "./team-settings-form";
import { renderTeamView, teamPicker } from "./team-view";
import { renderTransferDialog } from "./transfer-dialog";

const View = { conversations: "conversations", team: "team", settings: "settings" } as const;
type View = (typeof View)[keyof typeof View];
type Dialog = "transfer" | "help";

const bellPath = "M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9M10.3 21a1.94 1.94 0 0 0 3.4 0";
const keyboardPath = "M3 6h18v12H3zM7 10h.01M11 10h.01M15 10h.01M7 14h10";

@customElement("agent-panel")
export class AgentPanel extends LitElement {
  static override styles = [baseStyles, panelStyles];

  @state() private desk: AgentDesk | null = null;
  @state() private signInMessage: string | null = null;
  @state() private view: View = View.conversations;
  @state() private viewTeamId: string | null = null;
  @state() private dialog: Dialog | null = null;
  private stickToBottom = true;

  private readonly onKey = (event: KeyboardEvent): void => this.shortcut(event);
  private readonly onGesture = (): void => this.desk?.alerts.unlockAudio();

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener("keydown", this.onKey);
    window.addEventListener("pointerdown", this.onGesture);
    const credentials = loadCredentials();
    if (credentials && !this.desk) this.signIn(credentials);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener("keydown", this.onKey);
    window.removeEventListener("pointerdown", this.onGesture);
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
    this.view = View.conversations;
    this.dialog = null;
    this.signInMessage = message;
  }

  protected override willUpdate(): void {
    const list = this.renderRoot.querySelector?.(".transcript");
    this.stickToBottom = !list || list.scrollHeight - list.scrollTop - list.clientHeight < 60;
    // A lead's views need a lead; a desk that turns out not to be one falls back.
    if (this.desk?.agent && !this.desk.isLead && this.view !== View.conversations)
      this.view = View.conversations;
  }

  protected override updated(): void {
    const list = this.renderRoot.querySelector(".transcript");
    if (list && this.stickToBottom) list.scrollTop = list.scrollHeight;
    const unread = this.desk?.unreadTotal ?? 0;
    document.title = unread > 0 ? `(${unread}) Agent panel` : "Agent panel";
    this.desk?.watchStats(this.view === View.team);
    const dialog = this.renderRoot.querySelector("dialog");
    if (dialog && !dialog.open) {
      dialog.showModal();
      dialog.querySelector<HTMLElement>("input:not([disabled]), button.primary")?.focus();
    }
  }

  /** The team shown in the team and settings views. */
  private get viewTeam() {
    const teams = this.desk?.teams ?? [];
    return teams.find((team) => team.teamId === this.viewTeamId) ?? teams[0];
  }

  protected override render() {
    const desk = this.desk;
    if (!desk) {
      return html`${this.renderTopbar(null)}${renderSignIn(this.signInMessage, (link) => {
        const credentials = parseLoginLink(link);
        if (credentials) this.signIn(credentials);
        else this.signInMessage = "That is neither a login link (…#site=…&token=…) nor an agent token.";
      })}`;
    }
    const connecting = desk.teams.length === 0 || desk.teams.some((team) => !team.ready);
    return html`
      ${this.renderTopbar(desk)}
      ${
        connecting
          ? html`<div class="banner" role="status" data-testid="connection-banner">
            ${desk.teams.length === 0 ? "Connecting…" : "Reconnecting… your replies are kept and sent when the connection is back."}
          </div>`
          : nothing
      }
      ${this.renderView(desk)}
      ${this.renderDialog(desk)}
      ${desk.notice ? html`<div class="toast" role="alert" data-testid="panel-notice">${desk.notice}</div>` : nothing}
    `;
  }

  private renderView(desk: AgentDesk) {
    const team = this.viewTeam;
    const pick = (teamId: string) => (this.viewTeamId = teamId);
    if (this.view === View.team) return html`<main>${renderTeamView(desk, team, pick)}</main>`;
    if (this.view === View.settings && team) {
      return html`<main>
        <div class="page" data-testid="settings-view">
          <header class="page-head">
            <div>
              <h2>Settings · ${team.teamName}</h2>
              <p class="muted">How ${team.teamName} assigns conversations, when it is open and what visitors are told.</p>
            </div>
            <div class="spacer"></div>
            ${teamPicker(desk, team, pick)}
          </header>
          <team-settings-form .credentials=${desk.credentials} team-id=${team.teamId}></team-settings-form>
        </div>
      </main>`;
    }
    return html`<div class="desk">
      <aside class="lists">${renderInbox(desk)} ${renderQueues(desk)}</aside>
      <main>${renderConversation(desk, { openTransfer: () => this.openDialog("transfer") })}</main>
    </div>`;
  }

  private renderDialog(desk: AgentDesk) {
    const close = () => (this.dialog = null);
    if (this.dialog === "help") {
      return html`<dialog class="modal" data-testid="shortcuts-dialog" aria-labelledby="shortcuts-title" @close=${close}>
        <form method="dialog">
          <h2 id="shortcuts-title">Keyboard shortcuts</h2>
          ${renderShortcutList()}
          <div class="dialog-actions"><button class="primary" value="close">Close</button></div>
        </form>
      </dialog>`;
    }
    const selection = desk.selection;
    if (this.dialog === "transfer" && selection && selection.team.isMine(selection.conversationId)) {
      return renderTransferDialog(desk, selection, close);
    }
    return nothing;
  }

  private openDialog(dialog: Dialog): void {
    this.dialog = dialog;
  }

  private renderTopbar(desk: AgentDesk | null) {
    return html`<header class="topbar">
      <div class="brand">
        <span class="mark">${svg`<svg viewBox="0 0 24 24" aria-hidden="true"><path d=${iconPaths.chat}></path></svg>`}</span>
        EdgeChat
        ${desk ? html`<span class="site" data-testid="site">${desk.credentials.site}</span>` : nothing}
      </div>
      ${desk?.isLead ? this.renderViews() : nothing}
      <div class="spacer"></div>
      ${desk ? this.renderAgentControls(desk) : nothing}
    </header>`;
  }

  private renderViews() {
    const tab = (view: View, label: string) =>
      html`<button data-testid="view-${view}" aria-current=${this.view === view ? "page" : "false"} @click=${() => (this.view = view)}>${label}</button>`;
    return html`<nav class="views" aria-label="Views">
      ${tab(View.conversations, "Conversations")} ${tab(View.team, "Team")} ${tab(View.settings, "Settings")}
    </nav>`;
  }

  private renderAgentControls(desk: AgentDesk) {
    const presence = desk.overallPresence;
    const alertState = desk.alerts.state;
    return html`
      <div class="loads">
        ${desk.teams.map((team) => {
          const me = team.me;
          const full = me !== null && me.open >= me.limit;
          return html`<span class="load ${full ? "full" : ""}" data-testid="team-load" data-team-id=${team.teamId}
            title="${team.teamName}: you are ${presenceLabel(desk.presenceIn(team)).toLowerCase()}; open conversations / your limit"
            ><span class="dot ${me?.status ?? "offline"}"></span> ${team.teamName} <strong>${me ? `${me.open} / ${me.limit}` : "…"}</strong></span
          >`;
        })}
      </div>
      <button
        class="icon-button ${alertState === "on" ? "on" : ""}"
        data-testid="alerts-toggle"
        data-state=${alertState}
        aria-pressed=${alertState === "on" ? "true" : "false"}
        title=${
          alertState === "on"
            ? "Alerts on: a notification and a sound for new chats and messages while the panel is in the background. Click to turn off."
            : alertState === "blocked"
              ? "Notifications are blocked in this browser's site settings; the sound still plays. Click to turn alerts off."
              : "Turn on alerts: a notification and a sound for new chats and messages while the panel is in the background"
        }
        @click=${async () => {
          if (alertState === "off") await desk.alerts.enable();
          else desk.alerts.disable();
          this.requestUpdate();
        }}
      >
        ${svg`<svg viewBox="0 0 24 24" aria-hidden="true"><path d=${bellPath}></path></svg>`}
        <span class="visually-hidden">Alerts</span>
      </button>
      <button class="icon-button" data-testid="shortcuts-button" title="Keyboard shortcuts (?)" @click=${() => this.openDialog("help")}>
        ${svg`<svg viewBox="0 0 24 24" aria-hidden="true"><path d=${keyboardPath}></path></svg>`}
        <span class="visually-hidden">Keyboard shortcuts</span>
      </button>
      <label class="presence" title="Your presence in all your teams">
        <span class="dot ${presence}"></span>
        <select
          data-testid="presence-select"
          aria-label="Presence"
          .value=${presence}
          @change=${(event: Event) => desk.setPresence((event.currentTarget as HTMLSelectElement).value as PresenceStatus)}
        >
          ${presence === "mixed" ? html`<option value="mixed" disabled selected>Mixed</option>` : nothing}
          ${presences.map((status) => html`<option value=${status} ?selected=${status === presence}>${presenceLabel(status)}</option>`)}
        </select>
      </label>
      <span class="me" data-testid="agent-name">
        <span class="avatar" aria-hidden="true">${initials(desk.agent?.name ?? "?")}</span><span>${desk.agent?.name ?? ""}</span>
      </span>
      <button class="ghost" data-testid="sign-out" @click=${() => this.signOut("You signed out.")}>Sign out</button>
    `;
  }

  // ---- keyboard ----

  private shortcut(event: KeyboardEvent): void {
    const desk = this.desk;
    if (!desk || event.defaultPrevented) return;
    const focused = event.composedPath()[0];
    const typing =
      focused instanceof HTMLElement &&
      (focused.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(focused.tagName));
    const action = shortcutFor(event, typing);
    if (!action) return;
    if (this.dialog && action !== ShortcutAction.help) return;
    event.preventDefault();
    const selection = desk.selection;
    switch (action) {
      case ShortcutAction.help:
        this.openDialog("help");
        return;
      case ShortcutAction.next:
      case ShortcutAction.previous:
        this.view = View.conversations;
        desk.move(action === ShortcutAction.next ? 1 : -1);
        return;
      case ShortcutAction.focusReply:
        this.view = View.conversations;
        void this.updateComplete.then(() =>
          this.renderRoot.querySelector<HTMLTextAreaElement>("[data-testid=reply-input]")?.focus(),
        );
        return;
      case ShortcutAction.close:
        if (selection?.team.isMine(selection.conversationId)) selection.team.close(selection.conversationId);
        return;
      case ShortcutAction.transfer:
        if (selection?.team.isMine(selection.conversationId)) this.openDialog("transfer");
        return;
      case ShortcutAction.claim:
        if (selection && selection.team.standing(selection.conversationId) === "queued")
          selection.team.claim(selection.conversationId);
        else desk.say(`Open a queued conversation first (${keysOf(ShortcutAction.next)}).`);
        return;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "agent-panel": AgentPanel;
  }
}
