/**
 * The webhook events an engine result implies: an assignment (conversation.assigned), a
 * hand-over from one agent to another or to another team (conversation.transferred). Called
 * by the TeamDO right after each result is applied, in the same synchronous step.
 */
import { WebhookEvent } from "../../protocol";
import type { EngineResult } from "../../core/assignment";
import type { TeamConfig } from "../../core/team-config";
import type { TeamStore } from "./team-store";
import type { TeamWebhooks } from "./team-webhooks";

export function recordDecisionEvents(
  hooks: TeamWebhooks,
  config: TeamConfig,
  store: TeamStore,
  result: EngineResult,
  at: number,
): void {
  const agent = (id: string | undefined) => {
    const row = id ? store.agent(id) : null;
    return row ? { id: row.id, name: row.name } : null;
  };
  for (const decision of result.decisions) {
    if (decision.type !== "assign" && decision.type !== "transfer-out") continue;
    const conversation = store.conversations.get(decision.conversationId);
    if (!conversation) continue;
    if (decision.type === "transfer-out") {
      hooks.record(config, WebhookEvent.conversationTransferred, conversation, at, {
        fromTeamId: config.teamId,
        toTeamId: decision.toTeamId,
        fromAgent: agent(decision.fromAgentId),
        agent: null,
      });
    } else if (decision.fromAgentId) {
      hooks.record(config, WebhookEvent.conversationTransferred, conversation, at, {
        fromAgent: agent(decision.fromAgentId),
        agent: agent(decision.agentId),
      });
    } else {
      hooks.record(config, WebhookEvent.conversationAssigned, conversation, at, {
        agent: agent(decision.agentId),
      });
    }
  }
}
