/**
 * Decides how far a visitor's `user` is trusted: anonymous (none sent), unverified (no
 * hash: hints for agents only), verified (the hash matches under one of the site's identity
 * secrets, current or previous), or rejected (a hash that matches none). Used by the
 * session route; pure apart from WebCrypto, so it is unit-tested in Node.
 *
 * @example
 * const identity = await checkIdentity(body.user, () => site.identitySecrets());
 * if (identity.status === "rejected") throw new ApiError(401, ErrorCode.unauthorized, identity.message, "user.hash");
 */
import type { VisitorUser } from "../../protocol/session";
import { hexToBytes, hmacSha256, timingSafeEqual } from "../crypto";
import { identityMessage } from "./identity-message";

export type IdentityCheck =
  | { status: "anonymous" }
  | { status: "unverified"; user: VisitorUser }
  | { status: "verified"; user: VisitorUser & { id: string } }
  | { status: "rejected"; message: string };

/** Whether `hash` is the HMAC of `user`'s message under any of `secrets`. Compares in constant time. */
export async function hashMatches(
  user: VisitorUser & { id: string },
  hash: string,
  secrets: readonly string[],
): Promise<boolean> {
  const given = hexToBytes(hash);
  if (!given) return false;
  const message = identityMessage(user);
  // Every secret is tried, so the time taken does not tell which one matched.
  const results = await Promise.all(
    secrets.map(async (secret) => timingSafeEqual(await hmacSha256(secret, message), given)),
  );
  return results.includes(true);
}

/** `loadSecrets` is called only when a hash has to be checked. */
export async function checkIdentity(
  user: VisitorUser | undefined,
  loadSecrets: () => Promise<readonly string[]>,
): Promise<IdentityCheck> {
  if (!user) return { status: "anonymous" };
  const { hash, id } = user;
  if (hash === undefined || id === undefined) return { status: "unverified", user };
  const secrets = await loadSecrets();
  if (secrets.length === 0) {
    return {
      status: "rejected",
      message:
        "user.hash was sent but this site has no identity secret; set one, or send the user without hash",
    };
  }
  if (!(await hashMatches({ ...user, id }, hash, secrets))) {
    return {
      status: "rejected",
      message:
        'user.hash does not match the user under this site\'s identity secret; see README "Identity verification" for the message to sign',
    };
  }
  return { status: "verified", user: { ...user, id } };
}
