/**
 * The signed-in agent's desk, as a reactive controller: one `TeamConnection` per team of the
 * agent, the presence they chose for each team, the selected conversation and moving between
 * conversations, alerts for a panel in the background, the team figures a lead watches, and
 * notices to show. The panel's elements render it and call its methods; it imports nothing
 * from Lit.
 */
import { AGENT_SESSION_HEARTBEAT_SECONDS } from "../protocol/wire";
import type {
  AgentSessionResponse,
  ChatMessage,
  ConversationSummary,
  PresenceStatus,
} from "../protocol/wire";
import { reconnectDelay } from "../client/backoff";
import type { ControllerHost } from "../client/controller-host";
import { FatalConnectError } from "../client/reconnecting-socket";
import { AgentSessions } from "./agent-session";
import { DeskAlerts } from "./desk-alerts";
import { endSession, savedPresences, savePresences, type PanelCredentials } from "./panel-auth";
import { TeamConnection, type TeamHost } from "./team-connection";

export interface Selection {
  team: TeamConnection;
  conversation: ConversationSummary | undefined;
  conversationId: string;
}

/** One conversation in the sidebar's order: my inbox (longest waiting first), then the queues. */
export interface ListedConversation {
  team: TeamConnection;
  conversation: ConversationSummary;
  list: "inbox" | "queue";
}

/** Waiting times on screen are refreshed this often. */
const CLOCK_MS = 5_000;
/** A notice stays this long. */
const NOTICE_MS = 6_000;
/** The team view asks for fresh figures this often while it is on screen. */
export const STATS_REFRESH_MS = 10_000;

export class AgentDesk implements TeamHost {
  agent: AgentSessionResponse["agent"] | null = null;
  teams: TeamConnection[] = [];
  /** Every team of the site (where a chat can be transferred), from the session. */
  siteTeams: AgentSessionResponse["siteTeams"] = [];
  /** The presence the agent picked per team in this browser session. */
  presences: Record<string, PresenceStatus> = savedPresences();
  notice: string | null = null;
  /** The inbox shows only conversations with this label (`inbox-label-filter.ts`); null: all. */
  labelFilter: string | null = null;
  /** Why the desk stopped for good (revoked token); the panel signs out. */
  fatalError: string | null = null;
  now = Date.now();
  readonly alerts = new DeskAlerts();

  private selected: { teamId: string; conversationId: string } | null = null;
  private readonly sessions: AgentSessions;
  private clock: ReturnType<typeof setInterval> | undefined;
  private heartbeat: ReturnType<typeof setInterval> | undefined;
  private statsTimer: ReturnType<typeof setInterval> | undefined;
  private noticeTimer: ReturnType<typeof setTimeout> | undefined;
  private startTimer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;
  private readonly onVisible = (): void => {
    if (document.visibilityState === "visible") this.changed();
  };

  constructor(
    private readonly host: ControllerHost,
    readonly credentials: PanelCredentials,
    private readonly onFatal: (message: string) => void,
  ) {
    this.sessions = new AgentSessions(credentials);
    host.addController(this);
  }

  hostConnected(): void {
    this.stopped = false;
    this.clock = setInterval(() => {
      this.now = Date.now();
      this.host.requestUpdate();
    }, CLOCK_MS);
    // An open panel is in use: it renews its session (sliding expiry) and learns of a sign-out
    // elsewhere even while its sockets stay quiet.
    this.heartbeat = setInterval(() => {
      this.sessions.get().catch((error: unknown) => {
        if (error instanceof FatalConnectError) this.fatal(error);
      });
    }, AGENT_SESSION_HEARTBEAT_SECONDS * 1000);
    document.addEventListener("visibilitychange", this.onVisible);
    window.addEventListener("focus", this.onVisible);
    void this.start();
  }

  hostDisconnected(): void {
    this.stop();
  }

  get isLead(): boolean {
    return this.agent?.role === "lead";
  }

  /**
   * Signs out: tells every team I am offline, closes the sockets, and ends the session on
   * the server, which closes the sockets of my other tabs too (they then show sign-in).
   */
  signOut(): void {
    for (const team of this.teams) team.setPresence("offline");
    this.stop();
    void endSession(this.credentials);
  }

  /** The first session tells the agent's name and teams; each team then keeps its own socket. */
  private async start(attempt = 0): Promise<void> {
    try {
      const session = await this.sessions.get();
      if (this.stopped) return;
      this.agent = session.agent;
      this.siteTeams = session.siteTeams;
      this.teams = session.tickets.map(
        (ticket) =>
          new TeamConnection(
            ticket.teamId,
            ticket.teamName,
            () => this.sessions.socketUrl(ticket.teamId),
            this,
          ),
      );
      for (const team of this.teams) team.start();
    } catch (error) {
      if (this.stopped) return;
      if (error instanceof FatalConnectError) return this.fatal(error);
      this.startTimer = setTimeout(() => void this.start(attempt + 1), reconnectDelay(attempt));
    }
    this.host.requestUpdate();
  }

  private stop(): void {
    this.stopped = true;
    clearInterval(this.clock);
    clearInterval(this.heartbeat);
    clearInterval(this.statsTimer);
    this.statsTimer = undefined;
    clearTimeout(this.startTimer);
    document.removeEventListener("visibilitychange", this.onVisible);
    window.removeEventListener("focus", this.onVisible);
    for (const team of this.teams) team.stop();
  }

  /** Sets my presence in one team, or in all of them (from the agent's pick: a user gesture). */
  setPresence(status: PresenceStatus, teamId?: string): void {
    if (status === "online") this.alerts.goingOnline();
    for (const team of this.teams) {
      if (teamId !== undefined && team.teamId !== teamId) continue;
      this.presences[team.teamId] = status;
      team.setPresence(status);
    }
    savePresences(this.presences);
    this.host.requestUpdate();
  }

  /** My presence in a team: what I picked, else what the server says. */
  presenceIn(team: TeamConnection): PresenceStatus {
    return this.presences[team.teamId] ?? team.me?.status ?? "offline";
  }

  /** The one presence of all my teams, or "mixed" when they differ. */
  get overallPresence(): PresenceStatus | "mixed" {
    const all = new Set(this.teams.map((team) => this.presenceIn(team)));
    return all.size > 1 ? "mixed" : ([...all][0] ?? "offline");
  }

  // ---- conversations ----

  /** Everything in the sidebar, in its order. */
  get listed(): ListedConversation[] {
    const inbox = this.teams
      .flatMap((team) => team.inbox.map((conversation) => ({ team, conversation, list: "inbox" as const })))
      .sort(
        (a, b) =>
          (a.conversation.waitingSince ?? Infinity) - (b.conversation.waitingSince ?? Infinity) ||
          a.conversation.createdAt - b.conversation.createdAt,
      );
    const queue = this.teams.flatMap((team) =>
      team.me?.status === "online"
        ? team.queue.map((conversation) => ({ team, conversation, list: "queue" as const }))
        : [],
    );
    return [...inbox, ...queue];
  }

  select(team: TeamConnection, conversationId: string): void {
    this.selected = { teamId: team.teamId, conversationId };
    team.transcript(conversationId);
    // Selected while in the background (a chat just assigned) is not read: it stays unread.
    if (document.visibilityState === "visible") team.markSeen(conversationId);
    this.host.requestUpdate();
  }

  /** Selects the next (+1) or previous (-1) conversation of the sidebar, wrapping around. */
  move(step: 1 | -1): void {
    const listed = this.listed;
    if (listed.length === 0) return;
    const current = this.selection;
    const index = current
      ? listed.findIndex(
          (item) => item.team === current.team && item.conversation.id === current.conversationId,
        )
      : -1;
    const next =
      index < 0 ? (step > 0 ? 0 : listed.length - 1) : (index + step + listed.length) % listed.length;
    const target = listed[next]!;
    this.select(target.team, target.conversation.id);
  }

  get selection(): Selection | null {
    if (!this.selected) return null;
    const { teamId, conversationId } = this.selected;
    const team = this.teams.find((candidate) => candidate.teamId === teamId);
    return team ? { team, conversationId, conversation: team.conversation(conversationId) } : null;
  }

  /**
   * For the tab title: over my inboxes, each conversation's unread visitor messages, or 1 for
   * one that waits for my reply with nothing unread in this tab (a chat just assigned, or one
   * from before a reload). Waiting comes from the server (`waitingSince`), so the count
   * survives a reload and is the same in every tab and on every device.
   */
  get unreadTotal(): number {
    return this.teams.reduce(
      (sum, team) =>
        sum + team.inbox.reduce((inTeam, conversation) => inTeam + needsMe(team, conversation), 0),
      0,
    );
  }

  // ---- the lead's team view ----

  /** While on, every team's figures are asked for now and then every `STATS_REFRESH_MS`. */
  watchStats(on: boolean): void {
    if (on === (this.statsTimer !== undefined)) return;
    clearInterval(this.statsTimer);
    this.statsTimer = undefined;
    if (!on) return;
    const ask = () => {
      for (const team of this.teams) team.requestStats();
    };
    ask();
    this.statsTimer = setInterval(ask, STATS_REFRESH_MS);
  }

  // ---- TeamHost ----

  changed(): void {
    // The conversation on screen is read as it arrives, while the agent is looking.
    const selection = this.selection;
    if (selection && document.visibilityState === "visible")
      selection.team.readUpTo(selection.conversationId);
    this.host.requestUpdate();
  }

  wantedPresence(team: TeamConnection): PresenceStatus | null {
    return this.presences[team.teamId] ?? null;
  }

  assigned(team: TeamConnection, conversationId: string): void {
    const conversation = team.conversation(conversationId);
    this.alerts.alert({
      title: `New conversation · ${team.teamName}`,
      body: conversation
        ? `${conversation.visitorName}: ${conversation.lastMessage?.text ?? "is waiting"}`
        : "A visitor is waiting",
      tag: conversationId,
      open: () => this.select(team, conversationId),
    });
    // Go to a conversation I just claimed, or to a new one when nothing live is on screen;
    // never pull the agent out of a conversation they are working in.
    const current = this.selection;
    const idle = !current || current.team.standing(current.conversationId) === "ended";
    if (idle || current.conversationId === conversationId) this.select(team, conversationId);
  }

  visitorWrote(team: TeamConnection, message: ChatMessage): void {
    this.alerts.alert({
      title: team.conversation(message.conversationId)?.visitorName ?? "Visitor",
      body: message.text,
      tag: message.conversationId,
      open: () => this.select(team, message.conversationId),
    });
  }

  queued(team: TeamConnection, conversation: ConversationSummary): void {
    this.alerts.alert({
      title: `Waiting in ${team.teamName}`,
      body: `${conversation.visitorName}: ${conversation.lastMessage?.text ?? "is waiting"}`,
      tag: conversation.id,
      open: () => this.select(team, conversation.id),
    });
  }

  refused(message: string): void {
    this.say(message);
  }

  /** Shows a short notice at the bottom of the panel. */
  say(message: string): void {
    this.notice = message;
    clearTimeout(this.noticeTimer);
    this.noticeTimer = setTimeout(() => {
      this.notice = null;
      this.host.requestUpdate();
    }, NOTICE_MS);
    this.host.requestUpdate();
  }

  fatal(error: FatalConnectError): void {
    if (this.fatalError !== null) return;
    this.fatalError = error.message;
    this.stop();
    this.onFatal(error.message);
  }
}

/** How much a conversation of my inbox needs me: its unread count, or 1 while it waits for my reply. */
export function needsMe(team: TeamConnection, conversation: ConversationSummary): number {
  return team.unread.get(conversation.id) || (conversation.waitingSince !== null ? 1 : 0);
}
