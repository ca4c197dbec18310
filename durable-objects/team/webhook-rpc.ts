/**
 * The TeamDO's webhook RPC: the SiteDO pushes the site's endpoints, the admin API reads the
 * delivery log; delivery itself runs on the alarm (`TeamWebhooks.deliverDue`).
 */
import type { WebhookDeliveryView, WebhookEndpointConfig } from "../../protocol";
import type { ReadyTeam } from "./ready-team";
import type { TeamShell } from "./team-shell";

export async function setWebhookEndpoints(
  shell: TeamShell,
  team: ReadyTeam | null,
  endpoints: WebhookEndpointConfig[],
  now: number,
): Promise<void> {
  shell.hooks.setEndpoints(endpoints, now);
  await shell.scheduleAlarm(team, now);
}

export function webhookDeliveries(
  shell: TeamShell,
  endpointId: string,
  limit: number,
): WebhookDeliveryView[] {
  return shell.hooks.outbox.log(endpointId, shell.store.config()?.teamId ?? "", limit);
}
