/**
 * The admin API's team operations: teams and their canned replies and labels
 * (`worker/routes/admin-team-routes.ts`).
 *
 * Part of the OpenAPI catalog (`index.ts` assembles the parts in order).
 */
import { z } from "zod";
import { teamBodySchema, teamViewSchema } from "../../protocol";
import { ApiAuth, type ApiOperation } from "../../protocol/openapi";
import {
  cannedRepliesBody,
  labelsBody,
  cannedReplies,
  labels,
  ok,
  named,
  site,
  cannedRepliesDescription,
  cannedRepliesExample,
  labelsExample,
} from "./shared";

export const adminTeamOperations: readonly ApiOperation[] = [
  {
    method: "get",
    path: `${site}/teams`,
    summary: "List teams",
    tag: "teams",
    auth: ApiAuth.admin,
    responses: { 200: named("TeamList", z.array(teamViewSchema)) },
    errors: [404],
  },
  {
    method: "get",
    path: `${site}/teams/:team`,
    summary: "Read a team, with its resolved policy",
    tag: "teams",
    auth: ApiAuth.admin,
    responses: { 200: named("TeamView", teamViewSchema) },
    errors: [404],
  },
  {
    method: "put",
    path: `${site}/teams/:team`,
    summary: "Create or replace a team: preset, policy, settings, hours, messages",
    tag: "teams",
    auth: ApiAuth.admin,
    body: {
      ...named("TeamBody", teamBodySchema),
      example: { name: "Support", preset: "high-touch", policy: { defaultLimit: 4 }, hours: null },
    },
    responses: { 200: ok },
    errors: [404],
  },

  {
    method: "get",
    path: `${site}/teams/:team/canned-replies`,
    summary: "Read a team's canned replies, in order",
    tag: "teams",
    auth: ApiAuth.admin,
    responses: { 200: cannedReplies },
    errors: [404],
  },
  {
    method: "put",
    path: `${site}/teams/:team/canned-replies`,
    summary: "Replace a team's canned replies (the whole list)",
    tag: "teams",
    auth: ApiAuth.admin,
    description: cannedRepliesDescription,
    body: { ...cannedRepliesBody, example: cannedRepliesExample },
    responses: { 200: ok },
    errors: [404],
  },

  {
    method: "get",
    path: `${site}/teams/:team/labels`,
    summary: "Read a team's label list, in order",
    tag: "teams",
    auth: ApiAuth.admin,
    responses: { 200: labels },
    errors: [404],
  },
  {
    method: "put",
    path: `${site}/teams/:team/labels`,
    summary: "Replace a team's label list (the whole list)",
    tag: "teams",
    auth: ApiAuth.admin,
    body: { ...labelsBody, example: labelsExample },
    responses: { 200: ok },
    errors: [404],
  },
];
