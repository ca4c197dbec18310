/**
 * What several parts of the OpenAPI catalog share: the plain answers, the admin site path,
 * the canned replies, labels and history query described once.
 */
import { z } from "zod";
import {
  CANNED_REPLY_VARIABLES,
  cannedRepliesBodySchema,
  labelsBodySchema,
  MAX_HISTORY_PAGE,
  okResponseSchema,
} from "../../protocol";
import { type NamedSchema } from "../../protocol/openapi";

export const ok: NamedSchema = { name: "Ok", schema: okResponseSchema };
export const socket = { 101: 'switching to a WebSocket; frames as in README "Protocol"' };
export const named = (name: string, schema: z.ZodType): NamedSchema => ({ name, schema });
export const site = "/v1/admin/sites/:site";
export const cannedReplies = named("CannedReplies", cannedRepliesBodySchema);
export const cannedRepliesBody = named("CannedRepliesBody", cannedRepliesBodySchema);
export const cannedRepliesDescription = `Texts may use ${CANNED_REPLY_VARIABLES.map((v) => `\`{{${v}}}\``).join(", ")}, filled when an agent inserts the reply; any other variable is refused with its path.`;
export const cannedRepliesExample = [
  { id: "greeting", title: "Greeting", text: "Hi {{visitor.name}}, {{agent.name}} here. How can I help?" },
  { id: "refund", title: "Refund policy", text: "You can return any item within 30 days for a full refund." },
];

export const labels = named("Labels", labelsBodySchema);
export const labelsBody = named("LabelsBody", labelsBodySchema);
export const labelsExample = [
  { id: "refund", name: "Refund" },
  { id: "bug", name: "Bug report" },
];
export const historyQuery = {
  q: "Words of the transcript (messages and notes), all required; the last may be a word's start",
  agent: "Conversations this agent had or wrote in",
  label: "Conversations carrying this label id",
  visitor: "Conversations of this visitor id (their earlier conversations)",
  from: "Closed at or after (epoch ms)",
  to: "Closed before (epoch ms)",
  limit: `Entries per page, 1-${MAX_HISTORY_PAGE} (default 20)`,
  cursor: "The nextCursor of the previous page (opaque); a cursor this server did not make is a 400",
};
