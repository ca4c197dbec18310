/**
 * How objects are named: one SiteDO per site, one TeamDO per (site, team). Every caller
 * goes through these, so the naming scheme lives in one place.
 */
export function siteStub(env: Cloudflare.Env, siteId: string) {
  return env.SITE.get(env.SITE.idFromName(siteId));
}

export function teamStub(env: Cloudflare.Env, siteId: string, teamId: string) {
  return env.TEAM.get(env.TEAM.idFromName(`${siteId}/${teamId}`));
}
