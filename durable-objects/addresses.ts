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

/**
 * The one object that knows which sites exist (their ids, in its key-value storage), so the
 * Worker answers an unknown site's name without touching (and creating) that site's object.
 * Its name cannot be a site id (`ID_PATTERN` has no `~`).
 */
export function siteDirectoryStub(env: Cloudflare.Env) {
  return env.SITE.get(env.SITE.idFromName("~sites"));
}
