/**
 * Deleting a conversation's data for a privacy request (GDPR erase), through the admin API:
 * one conversation of a site, or every conversation of one visitor in the site or in one of
 * its teams. The visitor is named by the id the widget's session had (`visitorId`) or, for a
 * verified user, by the site's own user id (`userId`), which the Worker turns into the same
 * visitor id the sessions use. The answer says what was removed.
 *
 * @example
 * eraseVisitorBodySchema.parse({ userId: "42" });
 * eraseVisitorBodySchema.parse({ visitorId: "v_Qm9…", team: "support" });
 */
import { z } from "zod";
import { idSchema } from "./common";
import { MAX_USER_ID_CHARS } from "./limits";

/** Visitor ids are `v_…` (anonymous) or `u_…` (verified), well under this. */
const MAX_VISITOR_ID_CHARS = 64;

/** `POST /v1/admin/sites/:site/visitors/erase`: exactly one of visitorId and userId. */
export const eraseVisitorBodySchema = z
  .strictObject({
    visitorId: z
      .string()
      .min(1)
      .max(MAX_VISITOR_ID_CHARS)
      .optional()
      .describe("The visitor's id, as sessions, webhooks and the panel show it."),
    userId: z
      .string()
      .min(1)
      .max(MAX_USER_ID_CHARS)
      .optional()
      .describe("The site's own user id of a verified visitor (what the page passed to setUser)."),
    team: idSchema.optional().describe("Only this team's conversations; all the site's teams when left out."),
  })
  .superRefine((body, ctx) => {
    if ((body.visitorId === undefined) === (body.userId === undefined))
      ctx.addIssue({
        code: "custom",
        path: [body.visitorId === undefined ? "visitorId" : "userId"],
        message: "give exactly one of visitorId and userId",
      });
  });
export type EraseVisitorBody = z.infer<typeof eraseVisitorBodySchema>;

/** What an erase removed, summed over the teams that held any of it. */
export const erasureReportSchema = z.object({
  /** The conversations deleted (an id once, even when transfers left a copy in several teams). */
  conversations: z.array(z.string()),
  /** Messages and private notes deleted. */
  messages: z.number().int().min(0),
  /** Files deleted from storage: the conversations' and the visitor's unsent uploads. */
  attachments: z.number().int().min(0),
  /** The teams that held any of it. */
  teams: z.array(z.string()),
});
export type ErasureReport = z.infer<typeof erasureReportSchema>;
