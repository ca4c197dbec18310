/**
 * Signed download links for attachments: `/v1/sites/SITE/files/ID?exp=…&sig=…`, where `sig` is
 * the HMAC-SHA256 (with SIGNING_SECRET) of the site, the id and the expiry. Stateless, so a
 * download touches no object; short-lived (ATTACHMENT_LINK_TTL_SECONDS), so a leaked link soon
 * opens nothing. Links are on the Worker's own origin, never the site's.
 */
import { ATTACHMENT_ID_PATTERN, ATTACHMENT_LINK_TTL_SECONDS } from "../protocol";
import { base64UrlDecode, base64UrlEncode, hmacSha256, timingSafeEqual } from "../core/crypto";

export { attachmentKey } from "../core/attachments";

const signedText = (siteId: string, id: string, exp: number) => `file.${siteId}.${id}.${exp}`;

export async function signedFileUrl(
  secret: string,
  origin: string,
  siteId: string,
  id: string,
  now: number,
): Promise<{ url: string; expiresAt: number }> {
  const expiresAt = now + ATTACHMENT_LINK_TTL_SECONDS * 1000;
  const sig = base64UrlEncode(await hmacSha256(secret, signedText(siteId, id, expiresAt)));
  return { url: `${origin}/v1/sites/${siteId}/files/${id}?exp=${expiresAt}&sig=${sig}`, expiresAt };
}

/** True when the link was signed by us for this file and has not expired. */
export async function verifyFileLink(
  secret: string,
  link: { siteId: string; id: string; exp: string | undefined; sig: string | undefined },
  now: number,
): Promise<boolean> {
  const exp = Number(link.exp);
  if (!ATTACHMENT_ID_PATTERN.test(link.id) || !Number.isSafeInteger(exp) || exp <= now || !link.sig)
    return false;
  const given = base64UrlDecode(link.sig);
  if (!given) return false;
  return timingSafeEqual(await hmacSha256(secret, signedText(link.siteId, link.id, exp)), given);
}
