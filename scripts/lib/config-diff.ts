/**
 * What applying a site config file would change on the live site, as `terraform plan`
 * shows it: one line per changed field path (`~ teams.sales.policy.defaultLimit: 5 -> 3`),
 * new ones (`+`), and ones the file leaves out, which applying keeps (`=`: whole teams,
 * agents, webhook endpoints, and a team's canned replies or labels). Secrets (identity and
 * webhook signing secrets) are compared by fingerprint, never shown. Used by
 * `npm run config -- diff FILE`.
 */
import type { IdentitySecretsView, SiteConfig, SiteConfigBody } from "../../protocol";
import { webhookEventTypes } from "../../protocol";
import { sha256Hex } from "../../core/crypto";

export interface ConfigChange {
  kind: "+" | "~" | "=";
  path: string;
  line: string;
}

const show = (value: unknown): string => JSON.stringify(value);
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function walk(path: string, live: unknown, wanted: unknown, out: ConfigChange[], keepsExtra: boolean): void {
  if (isRecord(live) && isRecord(wanted)) {
    for (const key of new Set([...Object.keys(live), ...Object.keys(wanted)])) {
      const child = path ? `${path}.${key}` : key;
      if (!(key in wanted)) {
        // Whole teams and agents left out are kept; a field left out of a stored body is not.
        if (keepsExtra) out.push({ kind: "=", path: child, line: `= ${child} (not in the file; kept)` });
        else out.push({ kind: "~", path: child, line: `~ ${child}: ${show(live[key])} -> (removed)` });
      } else if (!(key in live))
        out.push({ kind: "+", path: child, line: `+ ${child}: ${show(wanted[key])}` });
      else walk(child, live[key], wanted[key], out, false);
    }
    return;
  }
  if (show(live) !== show(wanted))
    out.push({ kind: "~", path, line: `~ ${path}: ${show(live)} -> ${show(wanted)}` });
}

/** The changes from `live` (null: no such site yet) to the file with its secrets read. */
export async function diffSiteConfig(
  live: SiteConfig | null,
  liveSecrets: IdentitySecretsView | null,
  wanted: SiteConfigBody,
): Promise<ConfigChange[]> {
  const { identitySecret, previousIdentitySecret, webhooks = {}, ...settings } = wanted;
  const out: ConfigChange[] = [];
  if (!live) out.push({ kind: "+", path: "site", line: `+ site ${wanted.site} (new)` });
  else {
    const { teams, agents, cannedReplies, labels, ...rest } = settings;
    const {
      teams: liveTeams,
      agents: liveAgents,
      cannedReplies: liveReplies,
      labels: liveLabels,
      webhooks: _liveHooks,
      ...liveRest
    } = live;
    walk("", liveRest, rest, out, false);
    walk("teams", liveTeams, teams, out, true);
    walk("agents", liveAgents, agents, out, true);
    // A team's lists the file leaves out (or the whole field) are kept, as teams are.
    walk("cannedReplies", liveReplies ?? {}, cannedReplies ?? {}, out, true);
    walk("labels", liveLabels ?? {}, labels ?? {}, out, true);
  }
  await diffWebhooks(live?.webhooks ?? {}, webhooks, out);
  const slots = [
    ["identitySecret", identitySecret, liveSecrets?.current],
    ["previousIdentitySecret", previousIdentitySecret, liveSecrets?.previous],
  ] as const;
  for (const [path, secret, info] of slots) {
    if (secret === undefined) continue;
    const fingerprint = (await sha256Hex(secret)).slice(0, info?.fingerprint.length ?? 12);
    if (info?.fingerprint !== fingerprint)
      out.push({
        kind: "~",
        path,
        line: `~ ${path}: ${info ? info.fingerprint : "(none)"} -> ${fingerprint} (fingerprints)`,
      });
  }
  return out;
}

/** Endpoints: URL, events and delay as fields; the secret only as fingerprints; ones left out kept. */
async function diffWebhooks(
  live: NonNullable<SiteConfig["webhooks"]>,
  wanted: NonNullable<SiteConfigBody["webhooks"]>,
  out: ConfigChange[],
): Promise<void> {
  for (const id of Object.keys(live))
    if (!(id in wanted))
      out.push({ kind: "=", path: `webhooks.${id}`, line: `= webhooks.${id} (not in the file; kept)` });
  for (const [id, entry] of Object.entries(wanted)) {
    const path = `webhooks.${id}`;
    const { secret, secretFingerprint, ...fields } = entry;
    const shown = { ...fields, events: fields.events ?? webhookEventTypes };
    const before = live[id];
    const fingerprint = secret
      ? (await sha256Hex(secret)).slice(0, 12)
      : (secretFingerprint ?? before?.secretFingerprint);
    if (!before) {
      out.push({ kind: "+", path, line: `+ ${path}: ${show(shown)} (secret ${fingerprint ?? "missing"})` });
      continue;
    }
    const { secretFingerprint: liveFingerprint, secret: _none, ...liveFields } = before;
    walk(path, liveFields, shown, out, false);
    if (fingerprint !== liveFingerprint)
      out.push({
        kind: "~",
        path: `${path}.secret`,
        line: `~ ${path}.secret: ${liveFingerprint ?? "(none)"} -> ${fingerprint} (fingerprints)`,
      });
  }
}
