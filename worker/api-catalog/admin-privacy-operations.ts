/**
 * The admin API's privacy operations: erasing a conversation's or a visitor's data
 * (`worker/routes/admin-erasure-routes.ts`).
 *
 * Part of the OpenAPI catalog (`index.ts` assembles the parts in order).
 */
import { eraseVisitorBodySchema, erasureReportSchema } from "../../protocol";
import { ApiAuth, type ApiOperation } from "../../protocol/openapi";
import { named, site } from "./shared";

export const adminPrivacyOperations: readonly ApiOperation[] = [
  {
    method: "delete",
    path: `${site}/conversations/:conversation`,
    summary: "Erase one conversation's data (a privacy request), in every team that holds it",
    tag: "privacy",
    auth: ApiAuth.admin,
    description:
      "Deletes its messages and private notes, search rows, labels, rating, read pointers, webhook events not yet delivered, and its attachments with their files in R2. An open conversation is closed first (its agent gets `unassigned` with reason `deleted`); the visitor's open sockets close with 4004. Afterwards its history, transcript and file links answer 404. Every team of the site is asked, since a transfer leaves a closed copy in the team it came from.",
    responses: { 200: named("ErasureReport", erasureReportSchema) },
    errors: [404],
  },
  {
    method: "post",
    path: `${site}/visitors/erase`,
    summary: "Erase every conversation of one visitor (a privacy request), in the site or one team",
    tag: "privacy",
    auth: ApiAuth.admin,
    description:
      "Name the visitor by `visitorId`, or a verified user by the site's own `userId` (kept out of the URL and so out of access logs). Deletes, in each team asked, everything the conversation route does for each of their conversations, plus their profile and their uploads never sent, and the site forgets which team they were in: their next session is a new visitor's. 404 when nothing of theirs was found; `team` names one team only (404 with `path: team` for a team the site does not have).",
    body: {
      ...named("EraseVisitorBody", eraseVisitorBodySchema),
      example: { userId: "42" },
    },
    responses: { 200: named("ErasureReport", erasureReportSchema) },
    errors: [404],
  },
];
