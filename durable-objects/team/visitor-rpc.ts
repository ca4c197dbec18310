/**
 * The TeamDO's RPC about visitors and their conversations, from the Worker (which checked
 * the visitor's token or the uploader's) and from other teams: the visitor's open
 * conversation and profile, a transfer in, the rating and download of a closed chat, and
 * attachments (the bytes are in R2 already).
 */
import {
  ErrorCode,
  refuse,
  type AttachmentRef,
  type CsatBody,
  type CsatRating,
  type Result,
} from "../../protocol";
import type { VisitorProfile } from "../../core/team-config";
import type { AttachmentParty } from "./attachment-store";
import { rateConversation as rate } from "./rate-conversation";
import type { ReadyTeam } from "./ready-team";
import { addAttachment as add } from "./team-attachments";
import type { TransferPayload } from "./team-links";
import type { TeamShell } from "./team-shell";
import { transferIn } from "./transfer-in";
import { visitorTranscript as transcriptOf, type VisitorTranscript } from "./visitor-transcript";

export type AttachmentUpload = {
  party: AttachmentParty;
  conversationId?: string;
  ref: AttachmentRef;
  maxPerConversation: number;
};

export function openConversationOf(shell: TeamShell, visitorId: string): string | null {
  return shell.store.conversations.openConversationOf(visitorId)?.id ?? null;
}

export function visitorSession(
  shell: TeamShell,
  profile: VisitorProfile,
  stays: boolean,
  now: number,
): string | null {
  const open = shell.store.conversations.openConversationOf(profile.visitorId)?.id ?? null;
  if (open || stays) shell.store.rememberVisitor(profile, now);
  return open;
}

export function rememberVisitor(shell: TeamShell, profile: VisitorProfile, now: number): void {
  shell.store.rememberVisitor(profile, now);
}

export async function acceptTransfer(
  shell: TeamShell,
  team: ReadyTeam | null,
  payload: TransferPayload,
  now: number,
): Promise<Result> {
  const answer = team
    ? transferIn(team, payload, now)
    : refuse(ErrorCode.notFound, "that team is not set up");
  await shell.scheduleAlarm(team, now);
  return answer;
}

export async function rateConversation(
  shell: TeamShell,
  team: ReadyTeam | null,
  rating: { visitorId: string; conversationId: string; body: CsatBody },
  now: number,
): Promise<Result<CsatRating>> {
  if (!team) return refuse(ErrorCode.notFound, "that team is not set up");
  const answer = rate(team, rating.visitorId, rating.conversationId, rating.body, now);
  await shell.scheduleAlarm(team, now);
  return answer;
}

export function visitorTranscript(
  shell: TeamShell,
  team: ReadyTeam | null,
  visitorId: string,
  conversationId: string,
): Result<VisitorTranscript> {
  return team
    ? transcriptOf(shell.store, team.config.name, visitorId, conversationId)
    : refuse(ErrorCode.notFound, "that team is not set up");
}

export function addAttachment(
  shell: TeamShell,
  upload: AttachmentUpload,
  now: number,
): Result<AttachmentRef> {
  return add(shell.store, upload, now);
}
