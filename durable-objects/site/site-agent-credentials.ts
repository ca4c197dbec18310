/**
 * The SiteDO's agent credentials: login tokens (the Worker signs them; here they are
 * recorded, listed and revoked), one-time login links and the panel sessions they start
 * (`agent-sign-in.ts`), and signing out. Ending a credential closes the sockets it opened, in
 * each of the agent's teams.
 */
import type { AgentSignedOut, AgentTokenInfo, AgentView } from "../../protocol";
import { randomId } from "../../core/crypto";
import { teamStub } from "../addresses";
import { AgentSignIn, isSessionId } from "./agent-sign-in";
import type { SiteHost } from "./site-host";

/** The agent behind a working login token, with the names of the site's teams. */
export interface TokenAgent extends AgentView {
  teamNames: Record<string, string>;
}

/** The agent behind a live panel session; `sessionId` tags the sockets it opens. */
export interface SessionAgent extends TokenAgent {
  sessionId: string;
  /** The session ends at this time at the latest. */
  sessionEndsAt: number;
}

export class SiteAgentCredentials {
  private readonly signIn: AgentSignIn;

  constructor(private readonly host: SiteHost) {
    this.signIn = new AgentSignIn(host.storage.sql);
  }

  // ---- login tokens ----

  /** Records a new login token for the agent; the Worker signs it. Null if no such agent. */
  issueToken(agentId: string, now: number): string | null {
    if (!this.host.agent(agentId)) return null;
    const tokenId = randomId("t_");
    this.host.store.insertAgentToken(tokenId, agentId, now);
    return tokenId;
  }

  listTokens(agentId: string): AgentTokenInfo[] | null {
    if (!this.host.agent(agentId)) return null;
    return this.host.store.agentTokens(agentId);
  }

  /** Revokes one of the agent's tokens and closes every socket opened with it. */
  async revokeToken(agentId: string, tokenId: string, now: number): Promise<boolean> {
    if (!this.host.configured()) return false;
    const revoked = this.host.store.revokeAgentToken(agentId, tokenId, now);
    if (!revoked) return false;
    // Panel sessions signed in with this token end with it.
    const { sessionIds } = this.signIn.endSessionsOf(agentId, tokenId);
    await this.disconnect(agentId, [tokenId, ...sessionIds]);
    return true;
  }

  /** An agent leaves the site: every token is revoked and every session ends (sockets are the caller's). */
  endAll(agentId: string, now: number): void {
    this.host.store.revokeAllAgentTokens(agentId, now);
    this.signIn.endSessionsOf(agentId);
  }

  /**
   * Signs the agent out everywhere: every panel session and unused login link ends, and with
   * `revokeTokens` every login token too; their open sockets close. Null if no such agent.
   */
  async signOut(agentId: string, revokeTokens: boolean, now: number): Promise<AgentSignedOut | null> {
    if (!this.host.agent(agentId)) return null;
    const tokenIds = revokeTokens
      ? this.host.store
          .agentTokens(agentId)
          .filter((token) => token.revokedAt === null)
          .map((token) => token.tokenId)
      : [];
    if (revokeTokens) this.host.store.revokeAllAgentTokens(agentId, now);
    const { sessionIds, loginLinks } = this.signIn.endSessionsOf(agentId);
    await this.disconnect(agentId, [...tokenIds, ...sessionIds]);
    return { sessions: sessionIds.length, loginLinks, tokens: tokenIds.length };
  }

  /** Closes the sockets opened with these tokens or sessions, in each of the agent's teams. */
  private async disconnect(agentId: string, credentialIds: readonly string[]): Promise<void> {
    const site = this.host.site();
    const agent = this.host.agent(agentId);
    if (!site || !agent || credentialIds.length === 0) return;
    await Promise.all(
      agent.teams.flatMap((teamId) =>
        credentialIds.map((id) => teamStub(this.host.env, site.siteId, teamId).disconnectToken(id)),
      ),
    );
  }

  // ---- login links and panel sessions (agent-sign-in.ts) ----

  /** A one-time login link for the agent (the Worker made the code); its expiry, or null. */
  issueLoginLink(agentId: string, codeHash: string, now: number): number | null {
    if (!this.host.agent(agentId)) return null;
    return this.signIn.issueLink(agentId, codeHash, now);
  }

  /** Uses up a login link and starts a session with the cookie secret's hash; null: bad link. */
  redeemLoginLink(codeHash: string, secretHash: string, now: number): SessionAgent | null {
    if (!this.host.configured()) return null;
    const agentId = this.signIn.redeemLink(codeHash, now);
    return agentId === null ? null : this.startSession(agentId, null, secretHash, now);
  }

  /** A session from a pasted login token; null when the token is not live. */
  tokenSession(agentId: string, tokenId: string, secretHash: string, now: number): SessionAgent | null {
    if (!this.host.configured() || !this.host.store.isTokenLive(agentId, tokenId)) return null;
    return this.startSession(agentId, tokenId, secretHash, now);
  }

  /** The agent of a live session cookie (renewing it), or null: signed out or expired. */
  agentForSession(secretHash: string, now: number): SessionAgent | null {
    if (!this.host.configured()) return null;
    const session = this.signIn.useSession(secretHash, now);
    const agent = session && this.agentWithTeams(session.agentId);
    return session && agent
      ? { ...agent, sessionId: session.sessionId, sessionEndsAt: this.signIn.endsAt(session) }
      : null;
  }

  /** Sign-out: ends the cookie's session and closes its sockets; false when there was none. */
  async endSession(secretHash: string, now: number): Promise<boolean> {
    if (!this.host.configured()) return false;
    const session = this.signIn.useSession(secretHash, now);
    if (!session || this.signIn.endSession(secretHash) === null) return false;
    await this.disconnect(session.agentId, [session.sessionId]);
    return true;
  }

  private startSession(
    agentId: string,
    tokenId: string | null,
    secretHash: string,
    now: number,
  ): SessionAgent | null {
    const agent = this.agentWithTeams(agentId);
    if (!agent) return null;
    const session = this.signIn.startSession(agentId, tokenId, secretHash, now);
    return { ...agent, sessionId: session.sessionId, sessionEndsAt: this.signIn.endsAt(session) };
  }

  /**
   * The agent behind a token, or a panel session's id (a socket's ticket carries either),
   * with their teams; null when the token is unknown or revoked, or the session ended.
   */
  agentForToken(agentId: string, tokenId: string, now: number): TokenAgent | null {
    if (!this.host.configured()) return null;
    const live = isSessionId(tokenId)
      ? this.signIn.sessionLive(tokenId, agentId, now)
      : this.host.store.isTokenLive(agentId, tokenId);
    return live ? this.agentWithTeams(agentId) : null;
  }

  private agentWithTeams(agentId: string): TokenAgent | null {
    const agent = this.host.agent(agentId);
    const site = this.host.site();
    if (!agent || !site) return null;
    const teamNames = Object.fromEntries(site.teams.map((team) => [team.id, team.name]));
    return { ...agent, teams: agent.teams.filter((team) => team in teamNames), teamNames };
  }
}
