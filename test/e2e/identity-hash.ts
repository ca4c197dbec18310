/**
 * The README's Node example ("Identity verification"): what a site's backend computes as
 * the widget's `user.hash` for a verified identity. The e2e tests sign with the demo site's
 * secret, as the site's server would.
 */
import { createHmac } from "node:crypto";

/** The demo site's identity secret (config/demo-site.json); a real one lives on the site's server. */
export const DEMO_IDENTITY_SECRET = "demo-only-identity-secret-never-use-in-production";

/** The `hash` for `setUser`: HMAC-SHA256 over the id and the sorted signed fields. */
export function identityHash(
  user: { id: string; name?: string; email?: string; attributes?: Record<string, string | number | boolean> },
  secret = DEMO_IDENTITY_SECRET,
): string {
  const fields: Record<string, unknown> = {};
  if (user.name !== undefined) fields.name = user.name;
  if (user.email !== undefined) fields.email = user.email;
  for (const [key, value] of Object.entries(user.attributes ?? {})) fields[`attributes.${key}`] = value;
  const lines = Object.keys(fields)
    .sort()
    .map((key) => `${key}=${JSON.stringify(fields[key])}`);
  return createHmac("sha256", secret)
    .update([user.id, ...lines].join("\n"))
    .digest("hex");
}
