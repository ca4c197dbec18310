/**
 * The OpenAPI document at /v1/openapi.json: valid JSON, OpenAPI 3.1, every reference
 * resolvable, one id per operation, and request bodies generated from the protocol's zod
 * schemas. That it matches the app's routes, validators and answers is
 * `api-contract.test.ts`.
 */
import { SELF } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { openApiPath } from "../../protocol/openapi";
import { app } from "../../worker/app";
import { BASE } from "./helpers";

interface Operation {
  operationId: string;
  security: unknown[];
  parameters?: { name: string; in: string }[];
  requestBody?: { content: Record<string, { schema: { $ref: string } }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: { $ref: string } }> }>;
}
interface Document {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Record<string, unknown>>; securitySchemes: Record<string, unknown> };
}

let document: Document;

beforeAll(async () => {
  const response = await SELF.fetch(`${BASE}/v1/openapi.json`);
  expect(response.status).toBe(200);
  expect(response.headers.get("Content-Type")).toContain("application/json");
  document = JSON.parse(await response.text()) as Document;
});

/** "METHOD /path/{param}" of every route the app answers (middleware excluded). */
function appRoutes(): Set<string> {
  return new Set(
    app.routes
      .filter((route) => route.method !== "ALL")
      .map((route) => `${route.method} ${openApiPath(route.path)}`),
  );
}

function documented(): Set<string> {
  return new Set(
    Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
    ),
  );
}

describe("the OpenAPI document", () => {
  it("is OpenAPI 3.1 with an operation for each of the app's routes", () => {
    expect(document.openapi).toBe("3.1.0");
    expect(documented().size).toBe(appRoutes().size);
    expect(appRoutes().size).toBeGreaterThanOrEqual(25);
  });

  it("resolves every $ref, and gives every operation an id, responses and the error body", () => {
    const text = JSON.stringify(document);
    for (const [, name] of text.matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)) {
      expect(document.components.schemas[name!], name).toBeDefined();
    }
    const ids = new Set<string>();
    for (const [path, operations] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        ids.add(operation.operationId);
        expect(
          operation.responses["500"]?.content?.["application/json"]?.schema.$ref,
          `${method} ${path}`,
        ).toBe("#/components/schemas/ErrorBody");
        const params = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
        expect((operation.parameters ?? []).filter((p) => p.in === "path").map((p) => p.name)).toEqual(
          params,
        );
        for (const security of operation.security as Record<string, unknown>[]) {
          for (const scheme of Object.keys(security))
            expect(document.components.securitySchemes[scheme]).toBeDefined();
        }
      }
    }
    expect(ids.size).toBe(appRoutes().size);
  });

  it("documents request and response bodies from the protocol's schemas", () => {
    const put = document.paths["/v1/admin/sites/{site}/teams/{team}"]!.put!;
    expect(put.requestBody?.content["application/json"]?.schema.$ref).toBe("#/components/schemas/TeamBody");
    const team = document.components.schemas.TeamBody as {
      properties: Record<string, { properties?: Record<string, unknown> }>;
      required: string[];
    };
    expect(team.required).toEqual(["name"]);
    expect(Object.keys(team.properties.policy!.properties!)).toContain("strategy"); // the policy's fields, not a bare record
    const session = document.components.schemas.VisitorSessionRequest as {
      properties: Record<string, unknown>;
    };
    expect(Object.keys(session.properties)).toEqual(
      expect.arrayContaining(["user", "timeZone", "team", "page", "locale", "visitorToken"]),
    );
    const answer = document.paths["/v1/sites/{site}/session"]!.post!.responses["200"]!;
    expect(answer.content?.["application/json"]?.schema.$ref).toBe(
      "#/components/schemas/VisitorSessionResponse",
    );
    expect(document.paths["/v1/sites/{site}/session"]!.post!.responses["429"]).toBeDefined();
    expect(document.paths["/v1/admin/sites/{site}"]!.get!.security).toEqual([{ adminToken: [] }]);
    // Scripts send an agent token; the panel its session cookie.
    expect(document.paths["/v1/sites/{site}/teams/{team}/settings"]!.put!.security).toEqual([
      { agentToken: [] },
      { agentSession: [] },
    ]);
  });
});
