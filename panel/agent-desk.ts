/**
 * The signed-in agent's desk, as a reactive controller: one `TeamConnection` per team of the
 * agent, the presence they chose (applied to every team), the selected conversation, and
 * notices to show. The panel's elements render it and call its methods; it imports nothing
 * from Lit.
 */
import type { AgentSessionResponse, ConversationSummary, PresenceStatus } from "../protocol";
import { reconnectDelay } from "../widget/backoff";
import type { ControllerHost } from "../widget/controller-host";
import { FatalConnectError } from "../widget/reconnecting-socket";
import { AgentSessions } from "./agent-session";
import { savedPresence, savePresence, type PanelCredentials } from "./panel-auth";
import { TeamConnection, type TeamHost } from "./team-connection";

export interface Selection {
  team: TeamConnection;
  conversation: ConversationSummary | undefined;
  conversationId: string;
}

/** Waiting times on screen are refreshed this often. */
const CLOCK_MS = 15_000;
/** A notice stays this long. */
const NOTICE_MS = 6_000;

export class AgentDesk implements TeamHost {
  agent: AgentSessionResponse["agent"] | null = null;
  teams: TeamConnection[] = [];
  /** The presence the agent picked in this browser session; null until they pick one. */
  presence: PresenceStatus | null = savedPresence();
  notice: string | null = null;
  /** Why the desk stopped for good (revoked token); the panel signs out. */
  fatalError: string | null = null;
  now = Date.now();

  private selected: { teamId: string; conversationId: string } | null = null;
  private readonly sessions: AgentSessions;
  private clock: ReturnType<typeof setInterval> | undefined;
  private noticeTimer: ReturnType<typeof setTimeout> | undefined;
  private startTimer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;

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
    void this.start();
  }

  hostDisconnected(): void {
    this.stop();
  }

  /** Signs out: tells every team I am offline, then closes the sockets. */
  signOut(): void {
    for (const team of this.teams) team.setPresence("offline");
    this.stop();
  }

  /** The first session tells the agent's name and teams; each team then keeps its own socket. */
  private async start(attempt = 0): Promise<void> {
    try {
      const session = await this.sessions.get();
      if (this.stopped) return;
      this.agent = session.agent;
      this.teams = session.tickets.map(
        (ticket) => new TeamConnection(ticket.teamId, ticket.teamName, () => this.sessions.socketUrl(ticket.teamId), this),
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
    clearTimeout(this.startTimer);
    for (const team of this.teams) team.stop();
  }

  setPresence(status: PresenceStatus): void {
    this.presence = status;
    savePresence(status);
    for (const team of this.teams) team.setPresence(status);
    this.host.requestUpdate();
  }

  /** My presence as the server knows it (the first team's view; all teams get the same). */
  get currentPresence(): PresenceStatus {
    return this.presence ?? this.teams.find((team) => team.me)?.me?.status ?? "offline";
  }

  select(team: TeamConnection, conversationId: string): void {
    this.selected = { teamId: team.teamId, conversationId };
    team.transcript(conversationId);
    team.markSeen(conversationId);
    this.host.requestUpdate();
  }

  get selection(): Selection | null {
    if (!this.selected) return null;
    const { teamId, conversationId } = this.selected;
    const team = this.teams.find((candidate) => candidate.teamId === teamId);
    return team ? { team, conversationId, conversation: team.conversation(conversationId) } : null;
  }

  // ---- TeamHost ----

  changed(): void {
    // The conversation on screen is read as it arrives.
    const selection = this.selection;
    if (selection && document.visibilityState === "visible") selection.team.unread.delete(selection.conversationId);
    this.host.requestUpdate();
  }

  wantedPresence(): PresenceStatus | null {
    return this.presence;
  }

  assigned(team: TeamConnection, conversationId: string): void {
    // Go to a conversation I just claimed, or to a new one when nothing live is on screen;
    // never pull the agent out of a conversation they are working in.
    const current = this.selection;
    const idle = !current || current.team.standing(current.conversationId) === "ended";
    if (idle || current.conversationId === conversationId) this.select(team, conversationId);
  }

  refused(message: string): void {
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
