/**
 * Builds an OpenAPI 3.1 document from the protocol's zod schemas with `z.toJSONSchema`
 * (JSON Schema 2020-12, the dialect OpenAPI 3.1 uses as is), so the document cannot drift
 * from what the Worker validates. The Worker lists its operations in `worker/api-catalog/`
 * and serves the result at `GET /v1/openapi.json`.
 *
 * @example
 * const document = openApiDocument({ title: "edgechat", version: "1" }, [
 *   { method: "put", path: "/v1/admin/sites/:site", summary: "Create or replace a site", tag: "sites",
 *     auth: ApiAuth.admin,
 *     body: { name: "SiteBody", schema: siteBodySchema,
 *             example: { name: "Shop", allowedOrigins: ["https://shop.example"], defaultTeam: "support" } },
 *     responses: { 200: { name: "Ok", schema: okResponseSchema } } },
 * ]);
 */
import { z } from "zod";
import { httpErrorBodySchema } from "./error-frame";
import { AGENT_SESSION_COOKIE } from "./limits";

/** Who may call an operation. */
export const ApiAuth = {
  none: "none",
  /** `Authorization: Bearer <ADMIN_TOKEN>`. */
  admin: "admin",
  /** `Authorization: Bearer <agent login token>`, or the panel's session cookie. */
  agent: "agent",
  /** `Authorization: Bearer <visitor token>` from the visitor's session. */
  visitor: "visitor",
} as const;
export type ApiAuth = (typeof ApiAuth)[keyof typeof ApiAuth];

export type HttpMethod = "get" | "put" | "post" | "delete";

/** A schema documented once under `components.schemas[name]`. */
export interface NamedSchema {
  name: string;
  schema: z.ZodType;
}

/** A JSON request body: its schema, and one body the route accepts (shown to readers, sent by tests). */
export interface RequestBody extends NamedSchema {
  example: unknown;
}

export interface ApiOperation {
  method: HttpMethod;
  /** Hono style, e.g. "/v1/admin/sites/:site/teams/:team". */
  path: string;
  summary: string;
  description?: string;
  tag: string;
  auth: ApiAuth;
  /** JSON request body (documented as what a client may send: defaults optional). */
  body?: RequestBody;
  /** Query parameters: name -> description; all strings, all required. */
  query?: Record<string, string>;
  /** Query parameters a client may leave out: name -> description. */
  optionalQuery?: Record<string, string>;
  /** Success answers by status: a JSON body, or a description for an empty one (204, 101). */
  responses: Record<number, NamedSchema | string>;
  /** Error statuses beyond the ones implied (400 for bodies and ids, 401 for auth, 500). */
  errors?: number[];
}

export interface ApiInfo {
  title: string;
  version: string;
  description?: string;
}

/** Document schema A with schema B's JSON Schema (e.g. a raw record validated by refinement). */
export type SchemaSubstitutes = ReadonlyMap<object, z.ZodType>;

type JsonSchema = Record<string, unknown>;
export type Io = "input" | "output";

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: "invalid JSON, body or path id (`path` names the field)",
  401: "missing, wrong, expired or revoked token, or a wrong identity hash",
  403: "authenticated but not allowed (another team, not a lead, origin not allowed)",
  404: "no such site, team, agent or token",
  409: "a limit or state the call runs into (too many files in the conversation, a closed conversation)",
  413: "body over the size limit",
  415: "a file whose bytes are not of a kind the site allows",
  426: "not a WebSocket upgrade",
  429: "too many requests; see Retry-After",
  500: "something failed on our side; never carries details",
};

/**
 * The JSON Schema the document shows for `schema`. A substitute is always shown as its input
 * (what a client may send): it stands for a raw record kept as given, defaults not filled in.
 */
export function jsonSchemaOf(schema: z.ZodType, io: Io, substitutes: SchemaSubstitutes): JsonSchema {
  const { $schema: _dialect, ...json } = z.toJSONSchema(schema, {
    io,
    target: "draft-2020-12",
    unrepresentable: "any",
    override: (ctx) => {
      const substitute = substitutes.get(ctx.zodSchema);
      if (!substitute) return;
      for (const key of Object.keys(ctx.jsonSchema)) delete (ctx.jsonSchema as JsonSchema)[key];
      Object.assign(ctx.jsonSchema, jsonSchemaOf(substitute, "input", substitutes));
    },
  }) as JsonSchema;
  return json;
}

/** "/sites/:site" -> "/sites/{site}" */
export function openApiPath(honoPath: string): string {
  return honoPath.replace(/:([A-Za-z0-9_]+)/g, "{$1}");
}

export function openApiDocument(
  info: ApiInfo,
  operations: readonly ApiOperation[],
  substitutes: SchemaSubstitutes = new Map(),
): JsonSchema {
  const schemas: Record<string, JsonSchema> = {};
  const registered = new Map<string, { schema: z.ZodType; io: Io }>();
  const ref = ({ name, schema }: NamedSchema, io: Io) => {
    const known = registered.get(name);
    if (known && (known.schema !== schema || known.io !== io))
      throw new Error(`OpenAPI: two schemas named ${name}`);
    if (!known) {
      registered.set(name, { schema, io });
      schemas[name] = jsonSchemaOf(schema, io, substitutes);
    }
    return { $ref: `#/components/schemas/${name}` };
  };
  const errorRef = ref({ name: "ErrorBody", schema: httpErrorBodySchema }, "output");

  const paths: Record<string, Record<string, unknown>> = {};
  for (const operation of operations) {
    const pathParams = [...operation.path.matchAll(/:([A-Za-z0-9_]+)/g)].map((match) => match[1]!);
    const parameters = [
      ...pathParams.map((name) => ({ name, in: "path", required: true, schema: { type: "string" } })),
      ...Object.entries(operation.query ?? {}).map(([name, description]) => ({
        name,
        in: "query",
        required: true,
        description,
        schema: { type: "string" },
      })),
      ...Object.entries(operation.optionalQuery ?? {}).map(([name, description]) => ({
        name,
        in: "query",
        required: false,
        description,
        schema: { type: "string" },
      })),
    ];
    const responses: Record<string, unknown> = {};
    for (const [status, answer] of Object.entries(operation.responses)) {
      responses[status] =
        typeof answer === "string"
          ? { description: answer }
          : { description: answer.name, content: { "application/json": { schema: ref(answer, "output") } } };
    }
    const errors = new Set([...(operation.errors ?? []), 500]);
    if (operation.body || pathParams.length > 0) errors.add(400);
    if (operation.auth !== ApiAuth.none) errors.add(401);
    if (operation.body) errors.add(413);
    for (const status of [...errors].sort((a, b) => a - b)) {
      responses[String(status)] = {
        description: ERROR_DESCRIPTIONS[status] ?? "error",
        content: { "application/json": { schema: errorRef } },
      };
    }
    (paths[openApiPath(operation.path)] ??= {})[operation.method] = {
      operationId: `${operation.method}${operation.path.replace(/[^A-Za-z0-9]+(.)?/g, (_, next: string | undefined) => (next ?? "").toUpperCase())}`,
      summary: operation.summary,
      ...(operation.description ? { description: operation.description } : {}),
      tags: [operation.tag],
      security:
        operation.auth === ApiAuth.none
          ? []
          : operation.auth === ApiAuth.agent
            ? [{ agentToken: [] }, { agentSession: [] }]
            : [{ [`${operation.auth}Token`]: [] }],
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(operation.body
        ? {
            requestBody: {
              required: true,
              content: {
                "application/json": { schema: ref(operation.body, "input"), example: operation.body.example },
              },
            },
          }
        : {}),
      responses,
    };
  }

  return {
    openapi: "3.1.0",
    info,
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    paths,
    components: {
      schemas,
      securitySchemes: {
        adminToken: { type: "http", scheme: "bearer", description: "the ADMIN_TOKEN secret of the Worker" },
        agentToken: {
          type: "http",
          scheme: "bearer",
          description: "an agent login token from POST /v1/admin/sites/{site}/agents/{agent}/tokens",
        },
        agentSession: {
          type: "apiKey",
          in: "cookie",
          name: AGENT_SESSION_COOKIE,
          description:
            "the panel's session, set by POST /v1/sites/{site}/agent/login; requests other than GET must carry this origin's Origin header",
        },
        visitorToken: {
          type: "http",
          scheme: "bearer",
          description: "the visitor token from POST /v1/sites/{site}/session (what the widget stores)",
        },
      },
    },
  };
}
