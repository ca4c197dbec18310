/**
 * The team's sentences for one visitor (welcome, assigned, away, overflow, closed), rendered
 * from the team's templates in the visitor's language and time zone; plus whether the team
 * is away now and when it opens. Used by the TeamDO for system messages and status frames.
 */
import { OutsideHours } from "../../protocol";
import type { AssignmentEngine } from "../../core/assignment";
import { isOpen, nextOpening } from "../../core/hours";
import { renderVisitorMessage } from "../../core/visitor-texts";
import type { VisitorProfile } from "../../core/team-config";
import type { ConversationRow } from "./team-rows";
import type { TeamStore } from "./team-store";

type Kind = Parameters<typeof renderVisitorMessage>[0];

export class VisitorText {
  constructor(private readonly store: TeamStore) {}

  private render<K extends Kind>(
    kind: K,
    visitor: Pick<VisitorProfile, "locale" | "timeZone"> | null,
    vars: Parameters<typeof renderVisitorMessage<K>>[1]["vars"],
  ): string {
    const config = this.store.config();
    return renderVisitorMessage(kind, {
      locale: visitor?.locale,
      timeZone: visitor?.timeZone,
      teamTimeZone: config?.hours?.timeZone,
      teamName: config?.name,
      templates: config?.messages.templates,
      defaultLanguage: config?.messages.defaultLanguage,
      vars,
    });
  }

  welcome(conversation: ConversationRow): string {
    return this.render("welcome", conversation.visitor, {});
  }

  assigned(conversation: ConversationRow, agentId: string, engine: AssignmentEngine): string {
    const name = this.store.agent(agentId)?.name ?? "";
    return this.render("assigned", conversation.visitor, {
      name,
      replySeconds: engine.expectedReplySeconds(agentId),
    });
  }

  overflow(conversation: ConversationRow, position: number, etaSeconds: number | null): string {
    return this.render("overflow", conversation.visitor, { position, etaSeconds });
  }

  closed(conversation: ConversationRow): string {
    return this.render("closed", conversation.visitor, {});
  }

  /** Whether the team is closed now; if so the away status with the next opening and its text. */
  awayStatus(
    now: number,
    visitor: Pick<VisitorProfile, "locale" | "timeZone"> | null,
  ):
    | { state: "away"; opensAt?: number; offlineForm: boolean; text: string; keptText: string }
    | { state: "open" } {
    const hours = this.store.config()?.hours;
    if (!hours || isOpen(hours, now)) return { state: "open" };
    const opensAt = nextOpening(hours, now);
    const offlineForm = hours.outsideHours === OutsideHours.offlineForm;
    return {
      state: "away",
      ...(opensAt !== null ? { opensAt } : {}),
      offlineForm,
      text: this.render("away", visitor, { opensAt, now, outsideHours: hours.outsideHours }),
      // "We will reply when we are back": for a message kept although the form was not used.
      keptText: this.render("away", visitor, { opensAt, now, outsideHours: OutsideHours.queue }),
    };
  }
}
