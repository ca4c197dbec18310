/**
 * A team's labels: the list its leads keep (panel settings, the lead and admin API, the site
 * config file) and agents tag conversations from. A conversation carries label ids; tagging
 * with an id the team's list does not have is refused. The inbox, the history and the team
 * view filter by label.
 *
 * @example
 * labelsBodySchema.parse([{ id: "refund", name: "Refund" }, { id: "bug", name: "Bug report" }]);
 */
import { z } from "zod";
import { idSchema } from "./common";

export const MAX_LABELS = 50;
export const MAX_LABEL_NAME_CHARS = 40;
/** Labels one conversation may carry at once. */
export const MAX_LABELS_PER_CONVERSATION = 10;

export const labelSchema = z.strictObject({
  id: idSchema.describe("The label's id, as conversations carry it."),
  name: z.string().trim().min(1).max(MAX_LABEL_NAME_CHARS).describe("What agents see."),
});
export type Label = z.infer<typeof labelSchema>;

/** The whole list, replaced whole, in the lead's order. */
export const labelsBodySchema = z
  .array(labelSchema)
  .max(MAX_LABELS)
  .superRefine((labels, ctx) => {
    const seen = new Set<string>();
    labels.forEach((label, index) => {
      if (seen.has(label.id))
        ctx.addIssue({ code: "custom", path: [index, "id"], message: `the id ${label.id} is used twice` });
      seen.add(label.id);
    });
  });
export type LabelsBody = z.infer<typeof labelsBodySchema>;

/** `PUT …/conversations/:id/labels`: the conversation's labels, replaced whole. */
export const conversationLabelsBodySchema = z.strictObject({
  labels: z
    .array(idSchema)
    .max(MAX_LABELS_PER_CONVERSATION)
    .transform((ids) => [...new Set(ids)]),
});
export type ConversationLabelsBody = z.infer<typeof conversationLabelsBodySchema>;

/** The answer to tagging: the conversation's labels as stored (repeats dropped). */
export const conversationLabelsSchema = z.object({ labels: z.array(z.string()) });
