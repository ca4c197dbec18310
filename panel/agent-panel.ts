/**
 * `<agent-panel>`: the agent's web page at /panel/. Signs in from the login link or a pasted
 * token (exchanged for a session cookie shared by every tab, `panel-auth.ts`), then shows the
 * top bar (`top-bar.ts`) and one of its views: conversations (inbox, queues, the selected
 * conversation), the history (`history-view.ts`), and for a lead the team view and the team's
 * settings. State
 * and sockets live in `AgentDesk`; this element renders it, owns the dialogs and the
 * keyboard shortcuts, and keeps the tab title's unread count.
 *
 * @cssprop --panel-accent - main colour of the panel
 */
import { html, LitElement, nothing } from "lit";
import { customElement, state } from "lit/decorators.js";
import { AgentDesk } from "./agent-desk";
import { renderInbox, renderQueues } from "./conversation-lists";
import { renderConversation } from "./conversation-pane";
import { keysOf, renderShortcutList, ShortcutAction, shortcutFor } from "./keyboard-shortcuts";
import {
  exchangeLogin,
  forget,
  parseLoginLink,
  rememberedSite,
  takeLoginFromUrl,
  type LoginProof,
  type PanelCredentials,
} from "./panel-auth";
import { handoverNoticeStyles } from "./handover-notice";
import { attachmentStyles } from "./attachment-styles";
import { helpdeskStyles } from "./helpdesk-styles";
import { baseStyles, panelStyles } from "./panel-styles";
import { renderSignIn } from "./sign-in-view";
import "./canned-replies-editor";
import "./history-view";
import "./inbox-label-filter";
import "./labels-editor";
import "./team-settings-form";
import { historyTeams } from "./history-teams";
import { renderTeamView, teamPicker } from "./team-view";
import { renderTopbar, View, type TopbarActions } from "./top-bar";
import { renderTransferDialog } from "./transfer-dialog";

type Dialog = "transfer" | "help";

@customElement("agent-panel")
export class AgentPanel extends LitElement {
  static override styles = [baseStyles, panelStyles, helpdeskStyles, handoverNoticeStyles, attachmentStyles];

  @state() private desk: AgentDesk | null = null;
  @state() private signInMessage: string | null = null;
  @state() private signingIn = false;
  @state() private view: View = View.conversations;
  @state() private viewTeamId: string | null = null;
  @state() private dialog: Dialog | null = null;
  private stickToBottom = true;

  /** What the top bar's controls do here. */
  private readonly topbarActions: TopbarActions = {
    view: () => this.view,
    show: (view) => (this.view = view),
    help: () => this.openDialog("help"),
    signOut: () => this.signOut("You signed out."),
    changed: () => this.requestUpdate(),
  };

  private readonly onKey = (event: KeyboardEvent): void => this.shortcut(event);
  private readonly onGesture = (): void => this.desk?.alerts.unlockAudio();

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener("keydown", this.onKey);
    window.addEventListener("pointerdown", this.onGesture);
    const proof = takeLoginFromUrl();
    if (proof) void this.exchange(proof);
    else if (!this.desk) {
      // Signed in earlier in this browser (another tab or window): the cookie says if still so.
      const remembered = rememberedSite();
      if (remembered) this.signIn(remembered);
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener("keydown", this.onKey);
    window.removeEventListener("pointerdown", this.onGesture);
  }

  /** A login link's code or a pasted token, exchanged for the session. */
  private async exchange(proof: LoginProof): Promise<void> {
    this.signingIn = true;
    this.signInMessage = null;
    try {
      this.signIn(await exchangeLogin(proof));
    } catch (error) {
      this.signInMessage = error instanceof Error ? error.message : String(error);
    } finally {
      this.signingIn = false;
    }
  }

  private signIn(credentials: PanelCredentials): void {
    this.signInMessage = null;
    this.desk = new AgentDesk(this, credentials, (message) => this.signOut(message));
  }

  private signOut(message: string | null): void {
    if (this.desk) {
      this.desk.signOut();
      this.removeController(this.desk);
    }
    forget();
    this.desk = null;
    this.view = View.conversations;
    this.dialog = null;
    this.signInMessage = message;
  }

  protected override willUpdate(): void {
    const list = this.renderRoot.querySelector?.(".transcript");
    this.stickToBottom = !list || list.scrollHeight - list.scrollTop - list.clientHeight < 60;
    // A lead's views need a lead; a desk that turns out not to be one falls back.
    if (
      this.desk?.agent &&
      !this.desk.isLead &&
      this.view !== View.conversations &&
      this.view !== View.history
    )
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
      return html`${renderTopbar(null, this.topbarActions)}${renderSignIn(
        this.signInMessage,
        (link) => {
          const proof = parseLoginLink(link);
          if (proof) void this.exchange(proof);
          else this.signInMessage = "That is neither a login link (…#site=…&login=…) nor an agent token.";
        },
        this.signingIn,
      )}`;
    }
    const connecting = desk.teams.length === 0 || desk.teams.some((team) => !team.ready);
    return html`
      ${renderTopbar(desk, this.topbarActions)}
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
    if (this.view === View.history)
      return html`<main><history-view .credentials=${desk.credentials} .teams=${historyTeams(desk)}
        ?lead=${desk.isLead} my-name=${desk.agent?.name ?? ""}></history-view></main>`;
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
          <canned-replies-editor .credentials=${desk.credentials} team-id=${team.teamId}></canned-replies-editor>
          <labels-editor .credentials=${desk.credentials} team-id=${team.teamId}></labels-editor>
        </div>
      </main>`;
    }
    return html`<div class="desk">
      <aside class="lists">${renderInbox(desk)} ${renderQueues(desk)}</aside>
      <main>${renderConversation(desk, { openTransfer: () => this.openDialog("transfer") })}</main>
    </div>`;
  }

  private renderDialog(desk: AgentDesk) {
    // A dialog's `close` event comes a task after Escape; by then "?" may have opened the next
    // dialog, which that late event must not shut.
    const shown = this.dialog;
    const close = () => {
      if (this.dialog === shown) this.dialog = null;
    };
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
