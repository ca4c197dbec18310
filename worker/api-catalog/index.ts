/**
 * Every HTTP operation of the Worker with the zod schemas of its bodies and answers: the
 * source of the OpenAPI document at `GET /v1/openapi.json`. A worker test checks that this
 * list and the Hono app's routes are the same set, that each route validates its body with
 * the documented schema, and that real answers match the documented ones
 * (`test/worker/api-contract.test.ts`), so the document cannot drift from the code.
 */
import { teamBodySchema, teamPolicySchema } from "../../protocol";
import { openApiDocument, type ApiOperation, type SchemaSubstitutes } from "../../protocol/openapi";
import { metaOperations } from "./meta-operations";
import { widgetOperations } from "./widget-operations";
import { attachmentOperations } from "./attachment-operations";
import { panelOperations } from "./panel-operations";
import { adminSiteOperations } from "./admin-site-operations";
import { adminTeamOperations } from "./admin-team-operations";
import { adminAgentOperations } from "./admin-agent-operations";
import { adminWebhookOperations } from "./admin-webhook-operations";
import { adminPrivacyOperations } from "./admin-privacy-operations";

/** In the order the document lists them. */
export const apiOperations: readonly ApiOperation[] = [
  ...metaOperations,
  ...widgetOperations,
  ...attachmentOperations,
  ...panelOperations,
  ...adminSiteOperations,
  ...adminTeamOperations,
  ...adminAgentOperations,
  ...adminWebhookOperations,
  ...adminPrivacyOperations,
];

/** `policy` is a raw record (merged with the preset, then validated): document its fields. */
export const apiSchemaSubstitutes: SchemaSubstitutes = new Map([
  [teamBodySchema.shape.policy.unwrap(), teamPolicySchema],
]);

let cached: Record<string, unknown> | undefined;

/** The document, built once per isolate. */
export function apiDocument(): Record<string, unknown> {
  cached ??= openApiDocument(
    {
      title: "edgechat API",
      version: "1",
      description:
        "Embeddable support chat: visitor and agent sessions, the team lead's settings form, and the admin API. Errors are `{ error: { code, message, path? } }`.",
    },
    apiOperations,
    apiSchemaSubstitutes,
  );
  return cached;
}
