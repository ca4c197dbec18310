/**
 * Ids for messages a client sends (`clientId`), unique enough that a resend is recognised
 * and two messages never collide. `crypto.randomUUID` exists only in secure contexts, and
 * host pages on plain http are not one, so random bytes are the fallback.
 */
export function newClientId(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}
