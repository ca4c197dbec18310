/**
 * A team's canned (saved) replies: a title to find it by and a text with `{{variables}}`
 * (`protocol/canned-reply-fill.ts`), filled when an agent inserts it with `/` in the reply
 * box. Managed by the team's leads (panel settings, `PUT /v1/sites/:site/teams/:team/canned-replies`)
 * and the admin API; stored by the TeamDO. The list is replaced whole, in the order given.
 *
 * @example
 * cannedRepliesBodySchema.parse([
 *   { id: "greeting", title: "Greeting", text: "Hi {{visitor.name}}, {{agent.name}} here. How can I help?" },
 * ]);
 */
import { z } from "zod";
import { CANNED_REPLY_VARIABLES, cannedReplyVariables } from "./canned-reply-fill";
import { idSchema } from "./common";

/** 100 replies of 2,000 characters stay well inside an admin body (512 KiB). */
export const MAX_CANNED_REPLIES = 100;
export const MAX_CANNED_TITLE_CHARS = 80;
export const MAX_CANNED_TEXT_CHARS = 2_000;

export const cannedReplySchema = z.strictObject({
  id: idSchema,
  title: z.string().trim().min(1).max(MAX_CANNED_TITLE_CHARS),
  text: z
    .string()
    .max(MAX_CANNED_TEXT_CHARS)
    .refine((text) => text.trim().length > 0, "must not be empty")
    .superRefine((text, ctx) => {
      const allowed: readonly string[] = CANNED_REPLY_VARIABLES;
      for (const name of cannedReplyVariables(text)) {
        if (!allowed.includes(name))
          ctx.addIssue({
            code: "custom",
            message: `unknown variable {{${name}}}; use ${CANNED_REPLY_VARIABLES.map((v) => `{{${v}}}`).join(", ")}`,
          });
      }
    }),
});
export type CannedReply = z.infer<typeof cannedReplySchema>;

export const cannedRepliesBodySchema = z
  .array(cannedReplySchema)
  .max(MAX_CANNED_REPLIES)
  .superRefine((replies, ctx) => {
    const seen = new Set<string>();
    replies.forEach((reply, index) => {
      if (seen.has(reply.id))
        ctx.addIssue({ code: "custom", path: [index, "id"], message: `the id ${reply.id} is used twice` });
      seen.add(reply.id);
    });
  });
export type CannedRepliesBody = z.infer<typeof cannedRepliesBodySchema>;
