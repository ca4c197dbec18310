/**
 * The TeamDO's links to the rest of its site (`TeamLinks`): the SiteDO for the visitor's
 * team and the team list, the other TeamDOs for transfers. `siteId` is read per call, as the
 * team learns its site only when configured.
 */
import { siteStub, teamStub } from "../addresses";
import type { TeamLinks } from "./team-links";

export function siteLinks(env: Cloudflare.Env, ctx: DurableObjectState, siteId: () => string): TeamLinks {
  return {
    teamExists: async (teamId) => ((await siteStub(env, siteId()).teamRecords(teamId))?.length ?? 0) > 0,
    acceptTransfer: (teamId, payload) => teamStub(env, siteId(), teamId).acceptTransfer(payload),
    setVisitorTeam: async (visitorId, teamId, now) => {
      await siteStub(env, siteId()).setVisitorTeam(visitorId, teamId, now);
    },
    claimVisitor: (visitorId, teamId, now) => siteStub(env, siteId()).claimVisitor(visitorId, teamId, now),
    exclusively: (work) => ctx.blockConcurrencyWhile(work),
  };
}
