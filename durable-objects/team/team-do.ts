/**
 * TeamDO: one per support team, the single writer of its queue, presence, conversations
 * and messages. A thin shell: every entry point takes the one "ensure ready" step (the
 * engine rebuilt from SQLite once per wake), calls one named handler, logs
 * `TeamDO:name` on error, and after every event sets the one alarm to the earliest thing
 * due. Sockets are hibernatable; nothing relies on memory surviving between events.
 */
import { DurableObject } from "cloudflare:workers";
import {
  agentFrameInSchema,
  CloseCode,
  ErrorCode,
  parseFrame,
  PING,
  PONG,
  refuse,
  visitorFrameInSchema,
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
import { FloodGuard } from "../../core/throttles/flood-guard";
import {
  AGENT_FRAME_BUDGET,
  FrameBudget,
  Verdict,
  VISITOR_FRAME_BUDGET,
} from "../../core/throttles/frame-budget";
import type { TeamAgentConfig, TeamConfig, VisitorProfile } from "../../core/team-config";
import { siteStub, teamStub } from "../addresses";
import { ensureSchema } from "../sql-schema";
import { handleAgentFrame } from "./agent-actions";
import { CannedReplyStore } from "./canned-reply-store";
import { eraseConversations, type ErasureTarget, type TeamErasure } from "./erase-conversations";
import { FileCleanup } from "./file-cleanup";
import { encodeHistoryCursor } from "../../protocol";
import { HistoryStore } from "./history-store";
import { LabelStore } from "./label-store";
import { reopenConversation } from "./reopen-conversation";
import { EngineHost } from "./engine-host";
import { closeOldestBeyondCap, TicketHeader, TicketLedger, ticketFromHeader } from "./socket-admission";
import type { ReadyTeam } from "./ready-team";
import {
  attachIdentity,
  identityFromHeader,
  identityOf,
  IdentityHeader,
  type SocketIdentity,
} from "./socket-identity";
import type { AttachmentParty } from "./attachment-store";
import { addAttachment, visibleAttachments } from "./team-attachments";
import { TeamBroadcasts } from "./team-broadcasts";
import { TeamHandovers } from "./team-handovers";
import type { TeamLinks, TransferPayload } from "./team-links";
import { TEAM_SCHEMA_VERSION, teamMigrations } from "./team-schema";
import { agentsTag, agentTag, send, tagsOf, TeamSockets, tokenTag } from "./team-sockets";
import { TeamStore } from "./team-store";
import { nextDueAt, runDue } from "./team-timers";
import { TeamViews } from "./team-views";
import { transferIn } from "./transfer-in";
import { handleVisitorFrame } from "./visitor-actions";
import { rateConversation } from "./rate-conversation";
import { visitorTranscript, type VisitorTranscript } from "./visitor-transcript";
import { VisitorText } from "./visitor-text";
import { recordDecisionEvents } from "./webhook-decisions";
import { TeamWebhooks } from "./team-webhooks";

export { IdentityHeader, TicketHeader };

/** The answer to an upgrade on a ticket used already (the Worker answers the same). */
const ticketRefused = () =>
  Response.json(
    { error: { code: ErrorCode.unauthorized, message: "this ticket was used already; open a new session" } },
    { status: 401 },
  );

const notReady = (message: string) => ({ type: "error" as const, code: ErrorCode.forbidden, message });

export class TeamDO extends DurableObject {
  private readonly store: TeamStore;
  private readonly historyStore: HistoryStore;
  private readonly text: VisitorText;
  private readonly views: TeamViews;
  private readonly out: TeamBroadcasts;
  private readonly host: EngineHost;
  private readonly handovers: TeamHandovers;
  private readonly links: TeamLinks;
  private readonly flood = new FloodGuard();
  private readonly tickets: TicketLedger;
  /** Frames per socket, checked before anything else (visitor and agent sockets apart). */
  private readonly visitorBudget = new FrameBudget<WebSocket>(VISITOR_FRAME_BUDGET);
  private readonly agentBudget = new FrameBudget<WebSocket>(AGENT_FRAME_BUDGET);
  private readonly hooks: TeamWebhooks;
  private readonly files: FileCleanup;

  constructor(ctx: DurableObjectState, env: Cloudflare.Env) {
    super(ctx, env);
    ensureSchema(ctx.storage.sql, teamMigrations, TEAM_SCHEMA_VERSION);
    // Keep-alive pings are answered by the runtime without waking the object.
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair(PING, PONG));
    this.store = new TeamStore(ctx.storage.sql);
    this.historyStore = new HistoryStore(ctx.storage.sql, this.store);
    this.hooks = new TeamWebhooks(ctx.storage.sql);
    this.files = new FileCleanup(ctx.storage.sql, env.FILES);
    this.tickets = new TicketLedger(ctx.storage);
    this.text = new VisitorText(this.store);
    this.views = new TeamViews(this.store, this.text);
    this.out = new TeamBroadcasts(this.store, new TeamSockets(ctx), this.views);
    this.handovers = new TeamHandovers(ctx.storage.sql, this.store, this.out.sockets);
    this.host = new EngineHost(this.store, this.text, this.views, this.out, this.handovers);
    this.links = {
      teamExists: async (teamId) =>
        ((await siteStub(this.env, this.siteId()).teamRecords(teamId))?.length ?? 0) > 0,
      acceptTransfer: (teamId, payload) => teamStub(this.env, this.siteId(), teamId).acceptTransfer(payload),
      setVisitorTeam: async (visitorId, teamId, now) => {
        await siteStub(this.env, this.siteId()).setVisitorTeam(visitorId, teamId, now);
      },
      claimVisitor: (visitorId, teamId, now) =>
        siteStub(this.env, this.siteId()).claimVisitor(visitorId, teamId, now),
      exclusively: (work) => this.ctx.blockConcurrencyWhile(work),
    };
  }

  private siteId(): string {
    return this.store.config()?.siteId ?? "";
  }

  /** The one "ensure ready" step: the engine rebuilt once per wake; null until configured. */
  private ensureReady(now: number): ReadyTeam | null {
    const engine = this.host.ensureReady(now);
    const config = this.store.config();
    if (!engine || !config) return null;
    const { store, historyStore: history, text, views, out, links, host, handovers, hooks } = this;
    return {
      config,
      engine,
      store,
      history,
      text,
      views,
      out,
      links,
      handovers,
      hooks,
      apply: (result, at) => {
        host.apply(engine, result, at);
        recordDecisionEvents(hooks, config, store, result, at);
      },
    };
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
      return this.acceptSocket(identityFromHeader(request.headers), now);
    });
  }

  private acceptSocket(identity: ReturnType<typeof identityFromHeader>, now: number): Response {
    const [client, server] = Object.values(new WebSocketPair()) as [WebSocket, WebSocket];
    this.ctx.acceptWebSocket(server, identity ? tagsOf(identity) : []);
    if (identity) {
      attachIdentity(server, identity, now);
      closeOldestBeyondCap(this.ctx, identity);
    }
    if (!identity || (identity.role === "agent" && !this.store.agent(identity.agentId))) {
      send(server, { type: "error", code: ErrorCode.forbidden, message: "not an agent of this team" });
      server.close(CloseCode.forbidden, "forbidden");
    } else if (identity.role === "agent") {
      this.agentReturned(identity.agentId);
    }
    return new Response(null, { status: 101, webSocket: client });
  }

  override async webSocketMessage(ws: WebSocket, raw: string | ArrayBuffer): Promise<void> {
    if (raw === PING) return ws.send(PONG);
    // First, before any parse or SQL: a frame past the socket's budget costs next to nothing.
    if (!this.withinBudget(ws)) return;
    const identity = identityOf(ws);
    if (!identity) return ws.close(CloseCode.unauthorized, "unknown socket");
    try {
      await this.entry("webSocketMessage", (team, now) => this.socketFrame(team, ws, identity, raw, now));
    } catch {
      send(ws, {
        type: "error",
        code: ErrorCode.internal,
        message: "something went wrong on our side; please retry",
      });
    }
  }

  /** Counts the frame against its socket's budget; false when it must not be handled. */
  private withinBudget(ws: WebSocket): boolean {
    // Agents' sockets carry the "agents" tag; anything else is held to the visitor's budget.
    const budget = this.ctx.getTags(ws).includes(agentsTag) ? this.agentBudget : this.visitorBudget;
    switch (budget.take(ws, Date.now())) {
      case Verdict.accept:
        return true;
      case Verdict.refuse:
        send(ws, {
          type: "error",
          code: ErrorCode.rateLimited,
          message: "too many frames; slow down or this socket is closed",
        });
        return false;
      case Verdict.close:
        try {
          ws.close(CloseCode.rateLimited, "too many frames");
        } catch {
          // Closing already.
        }
        return false;
      default:
        return false;
    }
  }

  /** A frame from an identified socket: parsed, rate-limited (visitors), handed to its handler. */
  private async socketFrame(
    team: ReadyTeam | null,
    ws: WebSocket,
    identity: SocketIdentity,
    raw: string | ArrayBuffer,
    now: number,
  ): Promise<void> {
    if (identity.role === "visitor") {
      const parsed = parseFrame(raw, visitorFrameInSchema);
      if (!parsed.ok) return send(ws, parsed.error);
      const limited = this.flood.check(identity.visitorId, parsed.frame, now);
      if (limited) return send(ws, limited);
      if (!team) {
        const frame = parsed.frame;
        const clientId = "clientId" in frame ? { clientId: frame.clientId } : {};
        return send(ws, { ...notReady("this team is not configured yet"), ...clientId });
      }
      handleVisitorFrame(team, parsed.frame, { ws, visitorId: identity.visitorId, now });
    } else {
      const parsed = parseFrame(raw, agentFrameInSchema);
      if (!parsed.ok) return send(ws, parsed.error);
      if (!team) return send(ws, notReady("you are no longer an agent of this team"));
      await handleAgentFrame(team, parsed.frame, { ws, agentId: identity.agentId, now });
    }
    await this.scheduleAlarm(team, now);
  }

  override async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    try {
      ws.close(code === 1005 || code === 1006 ? 1000 : code, reason);
    } catch {
      // Already closed.
    }
    await this.entry("webSocketClose", (team, now) => this.socketGone(team, ws, now));
  }

  /** The agent's last socket is gone: they turn offline after the grace period unless they return. */
  private async socketGone(team: ReadyTeam | null, ws: WebSocket, now: number): Promise<void> {
    const identity = identityOf(ws);
    if (identity?.role !== "agent" || this.out.sockets.hasAgentSocket(identity.agentId, ws)) return;
    const agent = this.store.agent(identity.agentId);
    if (agent && agent.record.status !== "offline" && agent.goneSince === null) {
      this.store.setGoneSince(identity.agentId, now);
      await this.scheduleAlarm(team, now);
    }
  }

  override async webSocketError(_ws: WebSocket, error: unknown): Promise<void> {
    console.error("TeamDO:webSocketError", error);
  }

  /** Runs whatever is due: engine waits, presence grace, agent gone, no answer, hours. */
  override async alarm(): Promise<void> {
    let team: ReadyTeam | null = null;
    const now = Date.now();
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

  private async scheduleAlarm(team: ReadyTeam | null, now: number): Promise<void> {
    const config = this.store.config();
    const engineAt = team && config ? nextDueAt(this.store, team.engine, config, now) : null;
    const times = [engineAt, this.hooks.nextDueAt(), this.files.nextDueAt(now)].filter((t) => t !== null);
    const at = times.length === 0 ? null : Math.min(...times);
    if (at === null) await this.ctx.storage.deleteAlarm();
    else if ((await this.ctx.storage.getAlarm()) !== at) await this.ctx.storage.setAlarm(at);
  }

  /** An agent reconnected within their grace period: they never left. */
  private agentReturned(agentId: string): void {
    const agent = this.store.agent(agentId);
    if (agent && agent.goneSince !== null && agent.record.status !== "offline")
      this.store.setGoneSince(agentId, null);
  }

  // ---- RPC from the SiteDO, the Worker and other teams ----

  async configure(config: TeamConfig): Promise<void> {
    await this.entry("configure", async (_before, now) => {
      const before = this.store.config();
      this.store.setConfig(config);
      const team = this.ensureReady(now)!;
      if (before) team.apply(team.engine.policyChanged(config.policy, now), now);
      await this.scheduleAlarm(team, now);
    });
  }

  async upsertAgent(agent: TeamAgentConfig): Promise<void> {
    await this.entry("upsertAgent", async (team, now) => {
      if (!team) return;
      const { name, ...profile } = agent;
      const isNew = !this.store.agent(agent.id);
      const result = team.engine.agentUpdated(profile, now);
      const record = team.engine.agent(agent.id);
      if (record) this.store.saveAgentRecord(record, name);
      this.store.setAgentName(agent);
      team.apply(result, now);
      if (isNew || record) this.out.agent(team.engine, agent.id);
      await this.scheduleAlarm(team, now);
    });
  }

  async removeAgent(agentId: string): Promise<void> {
    await this.entry("removeAgent", async (team, now) => {
      if (team) team.apply(team.engine.agentRemoved(agentId, now), now);
      this.store.removeAgent(agentId);
      this.out.sockets.closeTagged(agentTag(agentId), CloseCode.forbidden, "removed from team");
      await this.scheduleAlarm(team, now);
    });
  }

  async disconnectToken(tokenId: string): Promise<void> {
    await this.entry("disconnectToken", () =>
      this.out.sockets.closeTagged(
        tokenTag(tokenId),
        CloseCode.unauthorized,
        "token revoked or session ended",
      ),
    );
  }

  /** Id of the visitor's open conversation, if any. */
  async openConversationOf(visitorId: string): Promise<string | null> {
    return this.entry("openConversationOf", () => this.store.openConversationOf(visitorId)?.id ?? null);
  }

  /** What the Worker learned at the visitor's session (identity, locale, page), for new chats. */
  async rememberVisitor(profile: VisitorProfile): Promise<void> {
    await this.entry("rememberVisitor", (_team, now) => this.store.rememberVisitor(profile, now));
  }

  /** The team's canned replies, in order (already checked by the Worker). */
  async cannedReplies(): Promise<CannedReply[]> {
    return this.entry("cannedReplies", () => this.cannedReplyStore().list());
  }

  async putCannedReplies(replies: CannedReply[]): Promise<void> {
    await this.entry("putCannedReplies", () => this.cannedReplyStore().replace(replies));
  }

  private cannedReplyStore(): CannedReplyStore {
    return new CannedReplyStore(this.ctx.storage.sql, (work) => this.ctx.storage.transactionSync(work));
  }

  // ---- labels, history and search (agents of the team only; the Worker checks the token) ----

  async labels(): Promise<Label[]> {
    return this.entry("labels", () => this.labelStore().list());
  }

  async putLabels(labels: Label[]): Promise<void> {
    await this.entry("putLabels", () => this.labelStore().replace(labels));
  }

  /** Sets a conversation's labels (ids from the list); every panel of the team gets `labels` at once. */
  async tagConversation(conversationId: string, labelIds: string[]): Promise<Result<string[]>> {
    return this.entry("tagConversation", () => {
      const tagged = this.labelStore().tag(conversationId, labelIds);
      if (tagged.ok) this.out.sockets.toAgents({ type: "labels", conversationId, labels: tagged.value });
      return tagged;
    });
  }

  async history(query: HistoryQuery): Promise<HistoryPage> {
    return this.entry("history", () => {
      const teamId = this.store.config()?.teamId ?? "";
      const { rows, next } = this.historyStore.page(query);
      return {
        conversations: rows.map((row) => this.historyStore.entry(row, teamId)),
        nextCursor: next ? encodeHistoryCursor(next) : null,
      };
    });
  }

  /** A closed conversation's whole transcript, notes included; null when there is none. */
  async transcript(conversationId: string): Promise<Transcript | null> {
    return this.entry("transcript", () => {
      const row = this.store.conversation(conversationId);
      if (!row || row.state !== "closed") return null;
      return {
        conversation: this.historyStore.entry(row, this.store.config()?.teamId ?? ""),
        messages: this.historyStore.transcript(conversationId),
      };
    });
  }

  async reopen(conversationId: string): Promise<Result<{ state: "queued" | "assigned" }>> {
    return this.entry("reopen", async (team, now) => {
      if (!team) return refuse(ErrorCode.notFound, "that team is not set up");
      const answer = await reopenConversation(team, conversationId, now);
      await this.scheduleAlarm(team, now);
      return answer;
    });
  }

  private labelStore(): LabelStore {
    return new LabelStore(this.ctx.storage.sql, (work) => this.ctx.storage.transactionSync(work));
  }

  /** Takes over a conversation from another team of the site. */
  async acceptTransfer(payload: TransferPayload): Promise<Result> {
    return this.entry("acceptTransfer", async (team, now) => {
      const answer = team
        ? transferIn(team, payload, now)
        : refuse(ErrorCode.notFound, "that team is not set up");
      await this.scheduleAlarm(team, now);
      return answer;
    });
  }

  // ---- the visitor's closed conversation (the Worker checked the visitor token) ----

  /** Stores the visitor's rating of their closed conversation, once. */
  async rateConversation(
    visitorId: string,
    conversationId: string,
    body: CsatBody,
  ): Promise<Result<CsatRating>> {
    return this.entry("rateConversation", async (team, now) => {
      if (!team) return refuse(ErrorCode.notFound, "that team is not set up");
      const answer = rateConversation(team, visitorId, conversationId, body, now);
      await this.scheduleAlarm(team, now);
      return answer;
    });
  }

  /** The visitor's copy of their conversation (never notes), for the download route. */
  async visitorTranscript(visitorId: string, conversationId: string): Promise<Result<VisitorTranscript>> {
    return this.entry("visitorTranscript", (team) =>
      team
        ? visitorTranscript(this.store, team.config.name, visitorId, conversationId)
        : refuse(ErrorCode.notFound, "that team is not set up"),
    );
  }

  // ---- attachments (the Worker checked the token and the bytes; the file is in R2) ----

  async addAttachment(upload: {
    party: AttachmentParty;
    conversationId?: string;
    ref: AttachmentRef;
    maxPerConversation: number;
  }): Promise<Result<AttachmentRef>> {
    return this.entry("addAttachment", async (team, now) => {
      const added = addAttachment(this.store, upload, now);
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
      const parts = { sql, store, history, files, sockets, siteId, transaction };
      const erased = eraseConversations(parts, team, target, now);
      await files.purge(now);
      await this.scheduleAlarm(team, now);
      return erased;
    });
  }

  // ---- webhooks (the SiteDO pushes endpoints; the admin API reads the log) ----

  async setWebhookEndpoints(endpoints: WebhookEndpointConfig[]): Promise<void> {
    await this.entry("setWebhookEndpoints", async (team, now) => {
      this.hooks.setEndpoints(endpoints, now);
      await this.scheduleAlarm(team, now);
    });
  }

  async webhookDeliveries(endpointId: string, limit: number): Promise<WebhookDeliveryView[]> {
    return this.entry("webhookDeliveries", () =>
      this.hooks.outbox.log(endpointId, this.store.config()?.teamId ?? "", limit),
    );
  }
}
