/**
 * The message a site's backend signs (HMAC-SHA256 with the site's identity secret, hex) to
 * vouch for a logged-in visitor: the user id alone when nothing else is sent, else the id
 * followed by one `key=JSON(value)` line per other field, sorted by key, joined with "\n":
 *
 *     42
 *     attributes.plan="pro"
 *     attributes.vip=true
 *     email="ana@example.com"
 *     name="Ana García"
 *
 * Unambiguous by construction: the id and string values may not contain line breaks or
 * control characters (the session schema refuses them), attribute names are ASCII without
 * "=", and JSON keeps "true" apart from true and "5" from 5. Pure: the Worker verifies with
 * it, and the README's Node, PHP and Python examples are unit-tested against it.
 *
 * @example
 * identityMessage({ id: "42" }); // "42" — the plain Intercom-style HMAC of the id
 * identityMessage({ id: "42", attributes: { vip: true } }); // "42\nattributes.vip=true"
 */

export type IdentityValue = string | number | boolean;

/** The fields of a visitor's `user` that the hash covers (everything but the hash). */
export interface SignedUser {
  id: string;
  name?: string | undefined;
  email?: string | undefined;
  attributes?: Readonly<Record<string, IdentityValue>> | undefined;
}

/** The exact text to HMAC for `user`. */
export function identityMessage(user: SignedUser): string {
  const fields: [string, IdentityValue][] = [];
  if (user.name !== undefined) fields.push(["name", user.name]);
  if (user.email !== undefined) fields.push(["email", user.email]);
  for (const [key, value] of Object.entries(user.attributes ?? {})) fields.push([`attributes.${key}`, value]);
  // Code-unit order; the keys are ASCII, so Python's sorted() and PHP's ksort(SORT_STRING) agree.
  fields.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return [user.id, ...fields.map(([key, value]) => `${key}=${JSON.stringify(value)}`)].join("\n");
}
