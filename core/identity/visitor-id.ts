/**
 * Which visitor id a session gets. A verified user always gets the same id on a site,
 * derived from their user id (so they find their conversations on any device); otherwise
 * the id in the visitor token, unless that token belonged to a verified user (the page
 * is now signed out: a shared computer must not show the last user's chats); otherwise a
 * new random id.
 */
import { base64UrlEncode, hmacSha256, randomId } from "../crypto";

const VERIFIED_PREFIX = "u_";
const ANONYMOUS_PREFIX = "v_";

export function isVerifiedVisitorId(visitorId: string): boolean {
  return visitorId.startsWith(VERIFIED_PREFIX);
}

/** Stable per (site, user id), unguessable without the signing secret, and not revealing the user id. */
export async function verifiedVisitorId(
  signingSecret: string,
  siteId: string,
  userId: string,
): Promise<string> {
  const mac = await hmacSha256(signingSecret, `verified-visitor\n${siteId}\n${userId}`);
  return VERIFIED_PREFIX + base64UrlEncode(mac.slice(0, 16));
}

/**
 * @param tokenVisitorId the visitor id of a valid visitor token for this site, if one was sent
 * @param verifiedUserId the user id of a verified identity, if any
 */
export async function sessionVisitorId(
  signingSecret: string,
  siteId: string,
  tokenVisitorId: string | null,
  verifiedUserId: string | null,
): Promise<string> {
  if (verifiedUserId !== null) return verifiedVisitorId(signingSecret, siteId, verifiedUserId);
  if (tokenVisitorId !== null && !isVerifiedVisitorId(tokenVisitorId)) return tokenVisitorId;
  return randomId(ANONYMOUS_PREFIX);
}
