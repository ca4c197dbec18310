/**
 * Which team each of a site's visitors belongs to, kept by the SiteDO: a returning visitor
 * with an open conversation goes back to its team whatever the routing rules pick now, and
 * a TeamDO that reopens or transfers a conversation moves the visitor with it.
 */
import type { VisitorProfile } from "../../core/team-config";
import { teamStub } from "../addresses";
import type { SiteHost } from "./site-host";

export class SiteVisitorTeams {
  constructor(private readonly host: SiteHost) {}

  /**
   * Which team a visitor's session goes to: the team of their open conversation if they
   * have one (a conversation never changes team because a rule matched differently),
   * else `pickedTeam` (the Worker's routing rules). Null when that team does not exist.
   * The team it names has been told `profile` (what the Worker learned at this session)
   * before this answers: a reconnect to the team it was in is one call to that team
   * (`visitorSession`: its open conversation, and the profile), not two.
   */
  async route(
    profile: VisitorProfile,
    pickedTeam: string,
    now: number,
  ): Promise<{ teamId: string; conversationId: string | null } | null> {
    const site = this.host.site();
    if (!site) return null;
    const { visitorId } = profile;
    const teams = new Set(site.teams.map((team) => team.id));
    const last = this.host.store.visitorTeam(visitorId);
    if (last !== null && teams.has(last)) {
      // The last team takes the profile when the session stays there: an open conversation,
      // or the rules pick it again.
      const stays = last === pickedTeam;
      const open = await teamStub(this.host.env, site.siteId, last).visitorSession(profile, stays);
      if (open || stays) return { teamId: last, conversationId: open };
    }
    if (!teams.has(pickedTeam)) return null;
    this.set(visitorId, pickedTeam, now);
    await teamStub(this.host.env, site.siteId, pickedTeam).rememberVisitor(profile);
    return { teamId: pickedTeam, conversationId: null };
  }

  /**
   * A team reopens a visitor's conversation: it becomes their team unless they have an open
   * conversation in another one (then false, and nothing changes).
   */
  async claim(visitorId: string, teamId: string, now: number): Promise<boolean> {
    const site = this.host.site();
    if (!site) return false;
    const last = this.host.store.visitorTeam(visitorId);
    if (last !== null && last !== teamId && site.teams.some((team) => team.id === last)) {
      if (await teamStub(this.host.env, site.siteId, last).openConversationOf(visitorId)) return false;
    }
    this.set(visitorId, teamId, now);
    return true;
  }

  /** The team the visitor's sessions go to now (their files are asked of it), or null. */
  get(visitorId: string): string | null {
    return this.host.configured() ? this.host.store.visitorTeam(visitorId) : null;
  }

  /** Forgets the visitor's team (their data was erased); false if none was known. */
  forget(visitorId: string): boolean {
    return this.host.configured() ? this.host.store.forgetVisitor(visitorId) : false;
  }

  /** The visitor's conversation now lives in `teamId` (a TeamDO calls this after a transfer). */
  set(visitorId: string, teamId: string, now: number): void {
    if (!this.host.configured()) return;
    this.host.store.setVisitorTeam(visitorId, teamId, now);
  }
}
