/**
 * The SiteDO's identity secrets: the current and previous secret a site's backend signs
 * visitor identities with (HMAC-SHA256), shown to admins only as fingerprints, rotated in two
 * steps so identities signed with the previous one keep working until it is removed.
 */
import { ok, type IdentitySecretsView, type Result } from "../../protocol";
import { sha256Hex } from "../../core/crypto";
import type { IdentitySecretRow } from "./site-store";
import { invalid, noSite, type SiteHost } from "./site-host";

const IDENTITY_FINGERPRINT_CHARS = 12;

export class SiteIdentitySecrets {
  constructor(private readonly host: SiteHost) {}

  /** Secrets a visitor identity may be signed with, current first. For the session route only. */
  secrets(): string[] {
    if (!this.host.configured()) return [];
    return this.host.store.identitySecrets().map((row) => row.secret);
  }

  view(): IdentitySecretsView {
    const rows = this.host.store.identitySecrets();
    const info = (slot: string) => {
      const row = rows.find((r) => r.slot === slot);
      return row ? { fingerprint: row.fingerprint, createdAt: row.createdAt } : null;
    };
    return { current: info("current"), previous: info("previous") };
  }

  /** Sets both slots; a secret already stored keeps its creation time (re-applying a file is a no-op). */
  async set(current: string, previous: string | undefined, now: number): Promise<Result> {
    if (!this.host.site()) return noSite();
    const wanted: [IdentitySecretRow["slot"], string][] = [
      ["current", current],
      ...(previous === undefined ? [] : [["previous", previous] as [IdentitySecretRow["slot"], string]]),
    ];
    // Hash before writing: nothing may interleave between the reads and writes below.
    const fingerprints = await Promise.all(wanted.map(([, secret]) => sha256Hex(secret)));
    const known = new Map(this.host.store.identitySecrets().map((row) => [row.secret, row.createdAt]));
    this.host.store.replaceIdentitySecrets(
      wanted.map(([slot, secret], i) => ({
        slot,
        secret,
        fingerprint: fingerprints[i]!.slice(0, IDENTITY_FINGERPRINT_CHARS),
        createdAt: known.get(secret) ?? now,
      })),
    );
    return ok();
  }

  /** The current secret becomes the previous one (replacing any), `secret` the current one. */
  async rotate(secret: string, now: number): Promise<Result> {
    if (!this.host.site()) return noSite();
    const fingerprint = (await sha256Hex(secret)).slice(0, IDENTITY_FINGERPRINT_CHARS);
    if (this.secrets()[0] === secret) return invalid("secret", "this is already the current secret");
    this.host.store.rotateIdentitySecret({ secret, fingerprint, createdAt: now });
    return ok();
  }

  /** Ends a rotation: identities signed with the previous secret stop being accepted. */
  removePrevious(): boolean {
    if (!this.host.configured()) return false;
    return this.host.store.removePreviousIdentitySecret();
  }
}
