/**
 * Handing a conversation to another team: the other team's object takes it with its whole
 * transcript and assigns it by its own policy; the site remembers the visitor's new team;
 * only then does this team let it go and send the visitor's sockets over (they reconnect).
 * Other events wait meanwhile, so no message can slip in between the copy and the release.
 */
import { CloseCode, ErrorCode, ok, refuse, type Result } from "../../protocol";
import type { ReadyTeam } from "./ready-team";
import type { ConversationRow } from "./team-rows";

export async function transferOut(
  team: ReadyTeam,
  conversation: ConversationRow,
  toTeamId: string,
  note: string | undefined,
  now: number,
): Promise<Result> {
  const { config, store, links } = team;
  if (toTeamId === config.teamId)
    return refuse(ErrorCode.invalidFrame, "the conversation is already in this team");
  // Asked of the site first: a TeamDO for a name that does not exist is never created.
  if (!(await links.teamExists(toTeamId)))
    return refuse(ErrorCode.notFound, `no team "${toTeamId}" on this site`);
  return links.exclusively(async () => {
    const current = store.conversations.get(conversation.id);
    if (!current || current.state === "closed")
      return refuse(ErrorCode.conversationClosed, "this conversation is closed");
    const answer = await links.acceptTransfer(toTeamId, {
      conversationId: current.id,
      visitor: current.visitor,
      origin: current.origin,
      createdAt: current.createdAt,
      // Notes go along: the next team's agents need them as much as this one's.
      messages: store.messages.afterForAgents(current.id, 0, Number.MAX_SAFE_INTEGER),
      fromTeamName: config.name,
      fromAgentName: current.agentId ? (store.agent(current.agentId)?.name ?? null) : null,
      note: note ?? null,
    });
    if (!answer.ok) return refuse(ErrorCode.notFound, answer.refusal.message);
    await links.setVisitorTeam(current.visitorId, toTeamId, now);
    team.apply(team.engine.transfer(current.id, { teamId: toTeamId }, now), now);
    // Closed here now: this team's history finds it by its words too.
    team.history.indexClosed(current.id);
    if (current.agentId) {
      team.out.sockets.toAgent(current.agentId, {
        type: "unassigned",
        conversationId: current.id,
        reason: "transferred",
      });
      team.out.agent(team.engine, current.agentId);
    }
    // The widget reconnects on this close code and lands in the new team.
    team.out.sockets.closeVisitor(current.visitorId, CloseCode.transferred, "transferred to another team");
    return ok();
  });
}
