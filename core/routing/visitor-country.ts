/**
 * The visitor's country as the edge knows it, for routing rules: `request.cf.country`
 * when Cloudflare provides it. Takes `cf` as unknown so it needs no workerd types and works
 * in `wrangler dev` and tests, where `cf` may be missing or partial.
 *
 * @example
 * const country = visitorCountry(c.req.raw.cf);
 */

/** Cloudflare's code for "country unknown"; routing treats it as no country at all. */
const UNKNOWN_COUNTRY = "XX";

/** The upper-case ISO 3166-1 alpha-2 code (or "T1" for Tor), or undefined when unknown. */
export function visitorCountry(cf: unknown): string | undefined {
  if (typeof cf !== "object" || cf === null || !("country" in cf)) return undefined;
  const { country } = cf;
  if (typeof country !== "string" || !/^[A-Za-z][A-Za-z0-9]$/.test(country)) return undefined;
  const code = country.toUpperCase();
  return code === UNKNOWN_COUNTRY ? undefined : code;
}
