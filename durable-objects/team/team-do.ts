/**
 * TeamDO: one per support team, the single writer of its queue, presence, conversations
 * and messages. A thin shell: every entry point takes the one "ensure ready" step (the
 * engine rebuilt from SQLite once per wake), calls one named handler, logs
 * `TeamDO:name` on error, and after every event sets the one alarm to the earliest thing
 * due. Sockets are hibernatable; nothing relies on memory surviving between events. The
 * handlers live by feature: socket-entry (frames), roster-rpc, content-rpc, visitor-rpc,
 * webhook-rpc.
 */
import { DurableObject } from "cloudflare:workers";
import {
  CloseCode,
  ErrorCode,
  PING,
  PONG,
  type AttachmentRef,
  type CannedReply,
  type HistoryPage,
  type HistoryQuery,
  type Label,
  type CsatBody,
  type CsatRating,
  type Result,
  type Transcript,
  type WebhookDeliveryView,
  type WebhookEndpointConfig,
} from "../../protocol";
import type { TeamAgentConfig, TeamConfig, VisitorProfile } from "../../core/team-config";
import { siteStub } from "../addresses";
import { ensureSchema } from "../sql-schema";
import * as content from "./content-rpc";
import { EngineHost } from "./engine-host";
import { eraseConversations, type ErasureTarget, type TeamErasure } from "./erase-conversations";
import { FileCleanup } from "./file-cleanup";
import { HistoryStore } from "./history-store";
import type { AttachmentParty } from "./attachment-store";
import { readyTeam, type ReadyTeam } from "./ready-team";
import * as roster from "./roster-rpc";
import { SocketEntry } from "./socket-entry";
import {
  ResumeHeader,
  resumeFromHeader,
  TicketHeader,
  TicketLedger,
  ticketFromHeader,
} from "./socket-admission";
import { identityFromHeader, identityOf, IdentityHeader } from "./socket-identity";
import { visibleAttachments } from "./team-attachments";
import { TeamBroadcasts } from "./team-broadcasts";
import { TeamHandovers } from "./team-handovers";
import type { TeamLinks, TransferPayload } from "./team-links";
import { siteLinks } from "./site-links";
import { TEAM_SCHEMA_VERSION, teamMigrations } from "./team-schema";
import type { TeamShell } from "./team-shell";
import { send, TeamSockets } from "./team-sockets";
import { TeamStore } from "./team-store";
import { runDue } from "./team-timers";
import { TeamAlarm } from "./team-alarm";
import { TeamViews } from "./team-views";
import * as visitors from "./visitor-rpc";
import type { VisitorTranscript } from "./visitor-transcript";
import { VisitorText } from "./visitor-text";
import { TeamWebhooks } from "./team-webhooks";
import * as webhooks from "./webhook-rpc";

export { IdentityHeader, ResumeHeader, TicketHeader };

/** The answer to an upgrade on a ticket used already (the Worker answers the same). */
const ticketRefused = () =>
  Response.json(
    { error: { code: ErrorCode.unauthorized, message: "this ticket was used already; open a new session" } },
    { status: 401 },
  );

export class TeamDO extends DurableObject {
  private readonly store: TeamStore;
  private readonly historyStore: HistoryStore;
  private readonly text: VisitorText;
  private readonly views: TeamViews;
  private readonly out: TeamBroadcasts;
  private readonly host: EngineHost;
  private readonly handovers: TeamHandovers;
  private readonly links: TeamLinks;
  private readonly hooks: TeamWebhooks;
  private readonly shell: TeamShell;
  private readonly sockets: SocketEntry;
  private readonly alarms: TeamAlarm;
  private readonly tickets: TicketLedger;
  private readonly files: FileCleanup;
  private ready: ReadyTeam | null = null;

  constructor(ctx: DurableObjectState, env: Cloudflare.Env) {
    super(ctx, env);
    ensureSchema(ctx.storage.sql, teamMigrations, TEAM_SCHEMA_VERSION);
    // Keep-alive pings are answered by the runtime without waking the object.
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair(PING, PONG));
    this.store = new TeamStore(ctx.storage.sql);
    this.historyStore = new HistoryStore(ctx.storage.sql, this.store);
    this.hooks = new TeamWebhooks(ctx.storage.sql);
    this.files = new FileCleanup(ctx.storage.sql, env.FILES, this.store.attachments);
    this.tickets = new TicketLedger(ctx.storage, ctx.storage.sql);
    this.text = new VisitorText(this.store);
    this.views = new TeamViews(this.store, this.text);
    this.out = new TeamBroadcasts(this.store, new TeamSockets(ctx), this.views);
    this.handovers = new TeamHandovers(ctx.storage.sql, this.store, this.out.sockets);
    this.host = new EngineHost(this.store, this.text, this.views, this.out, this.handovers);
    this.links = siteLinks(env, ctx, () => this.siteId());
    this.alarms = new TeamAlarm(ctx.storage, this.store, this.hooks, this.files);
    const { store, historyStore, hooks, out } = this;
    this.shell = {
      ctx,
      store,
      historyStore,
      hooks,
      out,
      ensureReady: (now) => this.ensureReady(now),
      scheduleAlarm: (team, now) => this.scheduleAlarm(team, now),
    };
    this.sockets = new SocketEntry(this.shell);
  }

  private siteId(): string {
    return this.store.config()?.siteId ?? "";
  }

  /** The one "ensure ready" step: the engine rebuilt once per wake; null until configured. */
  private ensureReady(now: number): ReadyTeam | null {
    const engine = this.host.ensureReady(now);
    const config = this.store.config();
    if (!engine || !config) return null;
    // The same engine and config as the last event: the same ready team, not a new one per frame.
    if (this.ready?.engine === engine && this.ready.config === config) return this.ready;
    const { store, historyStore: history, text, views, out, links, handovers, hooks } = this;
    return (this.ready = readyTeam(
      { store, history, text, views, out, links, handovers, hooks },
      this.host,
      engine,
      config,
    ));
  }

  /** Runs an entry point's handler with the ready team, logging `TeamDO:name` if it throws. */
  private async entry<T>(
    name: string,
    work: (team: ReadyTeam | null, now: number) => T | Promise<T>,
  ): Promise<T> {
    const now = Date.now();
    try {
      return await work(this.ensureReady(now), now);
    } catch (error) {
      console.error(`TeamDO:${name}`, error);
      throw error;
    }
  }

  /** Accepts a WebSocket the Worker has already authenticated. */
  override async fetch(request: Request): Promise<Response> {
    if (request.headers.get("Upgrade")?.toLowerCase() !== "websocket") {
      return Response.json(
        { error: { code: ErrorCode.invalidFrame, message: "expected a WebSocket upgrade" } },
        { status: 426 },
      );
    }
    const ticket = ticketFromHeader(request.headers);
    // Before the ready step: a spent ticket again costs one map lookup.
    if (!ticket || this.tickets.knownSpent(ticket, Date.now())) return ticketRefused();
    return this.entry("fetch", async (_team, now) => {
      if (!(await this.tickets.spend(ticket, now))) return ticketRefused();
      return this.sockets.accept(identityFromHeader(request.headers), now, resumeFromHeader(request.headers));
    });
  }

  override async webSocketMessage(ws: WebSocket, raw: string | ArrayBuffer): Promise<void> {
    if (raw === PING) return ws.send(PONG);
    // First, before any parse or SQL: a frame past the socket's budget costs next to nothing.
    if (!this.sockets.withinBudget(ws)) return;
    const identity = identityOf(ws);
    if (!identity) return ws.close(CloseCode.unauthorized, "unknown socket");
    try {
      await this.entry("webSocketMessage", (team, now) => this.sockets.frame(team, ws, identity, raw, now));
    } catch {
      send(ws, {
        type: "error",
        code: ErrorCode.internal,
        message: "something went wrong on our side; please retry",
      });
    }
  }

  override async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    try {
      ws.close(code === 1005 || code === 1006 ? 1000 : code, reason);
    } catch {
      // Already closed.
    }
    await this.entry("webSocketClose", (team, now) => this.sockets.gone(team, ws, now));
  }

  override async webSocketError(_ws: WebSocket, error: unknown): Promise<void> {
    console.error("TeamDO:webSocketError", error);
  }

  /** Runs whatever is due: engine waits, presence grace, agent gone, no answer, hours. */
  override async alarm(): Promise<void> {
    let team: ReadyTeam | null = null;
    const now = Date.now();
    this.alarms.fired();
    try {
      await this.entry("alarm", (ready) => {
        team = ready;
        if (ready) runDue(ready, now);
      });
      // Uploads no message took in time leave R2 (and any delete that failed is retried).
      this.files.dropUnsent(this.siteId(), now);
      await this.files.purge(now);
      await this.hooks.deliverDue(now, (endpointId, reason, at) =>
        siteStub(this.env, this.siteId()).webhookEndpointFailed(endpointId, reason, at),
      );
    } catch {
      // Logged by entry(); the alarm is set again below either way.
    } finally {
      await this.scheduleAlarm(team ?? this.ensureReady(now), now);
    }
  }

  private scheduleAlarm(team: ReadyTeam | null, now: number): Promise<void> {
    return this.alarms.schedule(team, now);
  }

  // ---- RPC from the SiteDO, the Worker and other teams (roster-rpc, visitor-rpc) ----

  async configure(config: TeamConfig): Promise<void> {
    await this.entry("configure", (_before, now) => roster.configure(this.shell, config, now));
  }

  async upsertAgent(agent: TeamAgentConfig): Promise<void> {
    await this.entry("upsertAgent", (team, now) => roster.upsertAgent(this.shell, team, agent, now));
  }

  async removeAgent(agentId: string): Promise<void> {
    await this.entry("removeAgent", (team, now) => roster.removeAgent(this.shell, team, agentId, now));
  }

  async disconnectToken(tokenId: string): Promise<void> {
    await this.entry("disconnectToken", () => roster.disconnectToken(this.shell, tokenId));
  }

  /** Id of the visitor's open conversation, if any. */
  async openConversationOf(visitorId: string): Promise<string | null> {
    return this.entry("openConversationOf", () => visitors.openConversationOf(this.shell, visitorId));
  }

  /**
   * A session of a visitor who was in this team (from the SiteDO): the id of their open
   * conversation, if any; `profile` is remembered when there is one or when `stays`.
   */
  async visitorSession(profile: VisitorProfile, stays: boolean): Promise<string | null> {
    return this.entry("visitorSession", (_team, now) =>
      visitors.visitorSession(this.shell, profile, stays, now),
    );
  }

  /** What the Worker learned at the visitor's session (identity, locale, page), for new chats. */
  async rememberVisitor(profile: VisitorProfile): Promise<void> {
    await this.entry("rememberVisitor", (_team, now) => visitors.rememberVisitor(this.shell, profile, now));
  }

  /** Takes over a conversation from another team of the site. */
  async acceptTransfer(payload: TransferPayload): Promise<Result> {
    return this.entry("acceptTransfer", (team, now) =>
      visitors.acceptTransfer(this.shell, team, payload, now),
    );
  }

  // ---- canned replies, labels, history and search (content-rpc; the Worker checks the token) ----

  /** The team's canned replies, in order (already checked by the Worker). */
  async cannedReplies(): Promise<CannedReply[]> {
    return this.entry("cannedReplies", () => content.cannedReplyStore(this.shell).list());
  }

  async putCannedReplies(replies: CannedReply[]): Promise<void> {
    await this.entry("putCannedReplies", () => content.cannedReplyStore(this.shell).replace(replies));
  }

  async labels(): Promise<Label[]> {
    return this.entry("labels", () => content.labelStore(this.shell).list());
  }

  async putLabels(labels: Label[]): Promise<void> {
    await this.entry("putLabels", () => content.labelStore(this.shell).replace(labels));
  }

  /** Sets a conversation's labels (ids from the list); every panel of the team gets `labels` at once. */
  async tagConversation(conversationId: string, labelIds: string[]): Promise<Result<string[]>> {
    return this.entry("tagConversation", () => {
      const tagged = content.labelStore(this.shell).tag(conversationId, labelIds);
      if (tagged.ok) this.out.sockets.toAgents({ type: "labels", conversationId, labels: tagged.value });
      return tagged;
    });
  }

  async history(query: HistoryQuery): Promise<HistoryPage> {
    return this.entry("history", () => content.history(this.shell, query));
  }

  /** A closed conversation's whole transcript, notes included; null when there is none. */
  async transcript(conversationId: string): Promise<Transcript | null> {
    return this.entry("transcript", () => content.transcript(this.shell, conversationId));
  }

  async reopen(conversationId: string): Promise<Result<{ state: "queued" | "assigned" }>> {
    return this.entry("reopen", (team, now) => content.reopen(this.shell, team, conversationId, now));
  }

  // ---- the visitor's closed conversation and attachments (visitor-rpc; the Worker checked) ----

  /** Stores the visitor's rating of their closed conversation, once. */
  async rateConversation(
    visitorId: string,
    conversationId: string,
    body: CsatBody,
  ): Promise<Result<CsatRating>> {
    return this.entry("rateConversation", (team, now) =>
      visitors.rateConversation(this.shell, team, { visitorId, conversationId, body }, now),
    );
  }

  /** The visitor's copy of their conversation (never notes), for the download route. */
  async visitorTranscript(visitorId: string, conversationId: string): Promise<Result<VisitorTranscript>> {
    return this.entry("visitorTranscript", (team) =>
      visitors.visitorTranscript(this.shell, team, visitorId, conversationId),
    );
  }

  async addAttachment(upload: visitors.AttachmentUpload): Promise<Result<AttachmentRef>> {
    return this.entry("addAttachment", async (team, now) => {
      const added = visitors.addAttachment(this.shell, upload, now);
      // An upload never sent is deleted after UNUSED_ATTACHMENT_SECONDS: the alarm must know.
      if (added.ok) await this.scheduleAlarm(team, now);
      return added;
    });
  }

  async visibleAttachments(viewer: AttachmentParty, ids: string[]): Promise<AttachmentRef[]> {
    return this.entry("visibleAttachments", () => visibleAttachments(this.store, viewer, ids));
  }

  // ---- privacy: erasing conversations (the admin API, `erase-conversations.ts`) ----

  async erase(target: ErasureTarget): Promise<TeamErasure> {
    return this.entry("erase", async (team, now) => {
      const { store, historyStore: history, files, ctx } = this;
      const transaction = (work: () => void) => ctx.storage.transactionSync(work);
      const [sql, sockets, siteId] = [ctx.storage.sql, this.out.sockets, this.siteId()];
      const erased = eraseConversations(
        { sql, store, history, files, sockets, siteId, transaction },
        team,
        target,
        now,
      );
      await files.purge(now);
      await this.scheduleAlarm(team, now);
      return erased;
    });
  }

  // ---- webhooks (webhook-rpc: the SiteDO pushes endpoints; the admin API reads the log) ----

  async setWebhookEndpoints(endpoints: WebhookEndpointConfig[]): Promise<void> {
    await this.entry("setWebhookEndpoints", (team, now) =>
      webhooks.setWebhookEndpoints(this.shell, team, endpoints, now),
    );
  }

  async webhookDeliveries(endpointId: string, limit: number): Promise<WebhookDeliveryView[]> {
    return this.entry("webhookDeliveries", () => webhooks.webhookDeliveries(this.shell, endpointId, limit));
  }
}
