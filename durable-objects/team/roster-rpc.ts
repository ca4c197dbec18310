/**
 * The TeamDO's RPC from the SiteDO about the team itself: its configuration, its agents and
 * their tokens. Each change goes through the engine, is stored, announced, and the alarm set.
 */
import { CloseCode } from "../../protocol";
import type { TeamAgentConfig, TeamConfig } from "../../core/team-config";
import type { ReadyTeam } from "./ready-team";
import type { TeamShell } from "./team-shell";
import { agentTag, tokenTag } from "./team-sockets";

export async function configure(shell: TeamShell, config: TeamConfig, now: number): Promise<void> {
  const before = shell.store.config();
  shell.store.setConfig(config);
  const team = shell.ensureReady(now)!;
  if (before) team.apply(team.engine.policyChanged(config.policy, now), now);
  await shell.scheduleAlarm(team, now);
}

export async function upsertAgent(
  shell: TeamShell,
  team: ReadyTeam | null,
  agent: TeamAgentConfig,
  now: number,
): Promise<void> {
  if (!team) return;
  const { store, out } = shell;
  const { name, ...profile } = agent;
  const isNew = !store.agent(agent.id);
  const result = team.engine.agentUpdated(profile, now);
  const record = team.engine.agent(agent.id);
  if (record) store.saveAgentRecord(record, name);
  store.setAgentName(agent);
  team.apply(result, now);
  if (isNew || record) out.agent(team.engine, agent.id);
  await shell.scheduleAlarm(team, now);
}

export async function removeAgent(
  shell: TeamShell,
  team: ReadyTeam | null,
  agentId: string,
  now: number,
): Promise<void> {
  if (team) team.apply(team.engine.agentRemoved(agentId, now), now);
  shell.store.removeAgent(agentId);
  shell.out.sockets.closeTagged(agentTag(agentId), CloseCode.forbidden, "removed from team");
  await shell.scheduleAlarm(team, now);
}

export function disconnectToken(shell: TeamShell, tokenId: string): void {
  shell.out.sockets.closeTagged(tokenTag(tokenId), CloseCode.unauthorized, "token revoked or session ended");
}
