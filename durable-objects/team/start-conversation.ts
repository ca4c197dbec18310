/**
 * A new conversation in this team, written once for both ways one arrives: a visitor's first
 * message (`startConversation`: their profile, a welcome line, the away line when closed) and
 * a transfer from another team (`transfer-in.ts`). Either way it is stored as waiting, the
 * caller adds what it must (lines, the transcript), and only then is the engine's verdict
 * applied (maybe assigned at once), so the agent is told after the row and its lines exist.
 */
import { ErrorCode, ok, PresenceStatus, refuse, type Result } from "../../protocol";
import { randomId } from "../../core/crypto";
import type { ConversationArrival, EngineResult } from "../../core/assignment";
import type { VisitorProfile } from "../../core/team-config";
import type { ReadyTeam } from "./ready-team";
import type { ConversationOrigin, ConversationRow } from "./team-rows";

export interface OfflineForm {
  email: string;
  name?: string;
}

/** A conversation stored as waiting, and the engine's verdict on it, not yet applied. */
export interface Admitted {
  conversation: ConversationRow;
  arrival: EngineResult;
}

/**
 * Hands a conversation to the engine and stores it as waiting; the caller applies `arrival`
 * once the conversation's first lines are in place. A transfer goes through the engine's
 * `transferIn`, which refuses a conversation already open here instead of ignoring it.
 */
export function admitConversation(
  team: ReadyTeam,
  arrival: ConversationArrival,
  stored: { visitor: VisitorProfile; createdAt: number; origin: ConversationOrigin; note?: string | null },
  now: number,
  how: { transfer: boolean } = { transfer: false },
): Result<Admitted> {
  let result: EngineResult;
  if (how.transfer) {
    const taken = team.engine.transferIn(arrival, now);
    if (!taken.ok) {
      team.apply(taken, now);
      return refuse(ErrorCode.alreadyAssigned, taken.error.message);
    }
    result = taken;
  } else result = team.engine.conversationArrived(arrival, now);
  const record =
    result.changed.conversations.find((c) => c.id === arrival.id) ?? team.engine.conversation(arrival.id);
  if (!record) return refuse(ErrorCode.forbidden, "the conversation could not be started");
  // Stored as waiting first; `apply` then writes the engine's verdict (maybe already assigned).
  const { agentId: _notYet, ...waiting } = record;
  team.store.conversations.insertConversation(
    { ...waiting, state: "queued" },
    stored.visitor,
    stored.createdAt,
    stored.origin,
    stored.note ?? null,
  );
  return ok({ conversation: team.store.conversations.get(arrival.id)!, arrival: result });
}

/** A visitor's new conversation, with its welcome line, or while closed its away line instead. */
export function startConversation(
  team: ReadyTeam,
  visitorId: string,
  now: number,
  offlineForm?: OfflineForm,
): Result<Admitted> {
  const stored = team.store.visitor(visitorId);
  const away = team.text.awayStatus(now, stored);
  // Outside hours with the offline form, a plain message is never refused: an agent online
  // gets it as a chat (hours do not decide who is assigned), otherwise it is kept as an
  // offline message and the visitor is told it will be answered when the team is back.
  const agentOnline = team.engine.agents().some((agent) => agent.status === PresenceStatus.online);
  const keptOffline = away.state === "away" && away.offlineForm && !offlineForm && !agentOnline;
  const origin = offlineForm || keptOffline ? "offline-form" : "chat";
  const profile = withOfflineForm(
    stored ?? { visitorId, name: `Visitor ${visitorId.slice(2, 6)}`, verified: {}, hints: {} },
    offlineForm,
  );
  const previous = team.store.conversations.latestConversationOf(visitorId);
  const language = team.config.settings.matchLanguage
    ? profile.locale?.toLowerCase().split("-")[0]
    : undefined;
  const admitted = admitConversation(
    team,
    {
      id: randomId("c_"),
      visitorId,
      attributes: profile.verified,
      ...(language ? { language } : {}),
      ...(previous
        ? {
            previousConversation: {
              ...(previous.record.agentId ? { agentId: previous.record.agentId } : {}),
              at: previous.closedAt ?? previous.createdAt,
            },
          }
        : {}),
      queuedAt: now,
    },
    { visitor: profile, createdAt: now, origin },
    now,
  );
  if (!admitted.ok) return admitted;
  const { conversation } = admitted.value;
  // A fresh id: nothing was ever written under it.
  team.store.messages.started(conversation.id);
  // Closed: the away line says what is true; "How can we help?" would promise a live answer.
  if (away.state === "away" && !(away.offlineForm && !offlineForm && agentOnline)) {
    // Whoever left a message (through the form or not) is told it will be answered, not asked for one.
    const text = offlineForm || keptOffline ? away.keptText : away.text;
    team.out.systemMessage(team.engine, conversation, text, now);
  } else {
    team.out.systemMessage(team.engine, conversation, team.text.welcome(conversation), now);
  }
  return admitted;
}

/**
 * The offline form's email and name are what the visitor typed: they never replace a
 * verified identity's (a signed-in user stays who the site says), and go to the hints then.
 */
function withOfflineForm(profile: VisitorProfile, form: OfflineForm | undefined): VisitorProfile {
  if (!form) return profile;
  if (profile.userId !== undefined) {
    return {
      ...profile,
      hints: {
        ...profile.hints,
        ...(form.email ? { offlineEmail: form.email } : {}),
        ...(form.name ? { offlineName: form.name } : {}),
      },
    };
  }
  return {
    ...profile,
    ...(form.email ? { email: form.email } : {}),
    ...(form.name ? { name: form.name, hints: { ...profile.hints, offlineName: form.name } } : {}),
  };
}
