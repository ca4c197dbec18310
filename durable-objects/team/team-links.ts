/**
 * What a team object needs of the rest of the site (the other teams, the site object), and
 * the shape of a conversation handed from one team to another. The TeamDO provides the links.
 */
import type { ChatMessage, Result } from "../../protocol";
import type { VisitorProfile } from "../../core/team-config";
import type { ConversationOrigin } from "./team-rows";

/** What the receiving team needs to take a conversation over. */
export interface TransferPayload {
  conversationId: string;
  visitor: VisitorProfile;
  origin: ConversationOrigin;
  createdAt: number;
  messages: ChatMessage[];
  fromTeamName: string;
  fromAgentName: string | null;
  note: string | null;
}

/** How a team reaches the rest of the site; the TeamDO provides it. */
export interface TeamLinks {
  /** True when the site has this team: a transfer to any other name touches no object. */
  teamExists(teamId: string): Promise<boolean>;
  acceptTransfer(teamId: string, payload: TransferPayload): Promise<Result>;
  setVisitorTeam(visitorId: string, teamId: string, now: number): Promise<void>;
  /**
   * Makes `teamId` the visitor's team for a reopened conversation; false (nothing changed)
   * when they have an open conversation in another team.
   */
  claimVisitor(visitorId: string, teamId: string, now: number): Promise<boolean>;
  exclusively<T>(work: () => Promise<T>): Promise<T>;
}
