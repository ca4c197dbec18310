/**
 * The OpenAPI document at /v1/openapi.json is a contract the Worker keeps, checked three ways
 * so it cannot drift from the code:
 * - the Hono app's routes and the documented operations are the same set;
 * - a route that validates a body does it with the schema the document shows (compared as
 *   JSON Schema, generated the way the document is);
 * - every operation, called for real on a fresh site: its documented example is valid by the
 *   document and accepted by the route, the answer's status is documented and its body valid
 *   by the documented schema; a wrong field gets the documented 400 naming that field, and a
 *   call without credentials the documented 401.
 * Validation uses the document's own JSON Schema (2020-12) with @cfworker/json-schema, which
 * needs no code generation, so it runs inside workerd.
 */
import { Validator } from "@cfworker/json-schema";
import { SELF } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { ApiAuth, jsonSchemaOf, openApiPath } from "../../protocol/openapi";
import { apiOperations, apiSchemaSubstitutes } from "../../worker/api-catalog";
import { app } from "../../worker/app";
import { bodySchemaOf } from "../../worker/middleware/json-body";
import {
  ADMIN,
  admin,
  agentSession,
  BASE,
  connectAgent,
  connectVisitor,
  ORIGIN,
  seedSite,
  visitorSession,
} from "./helpers";

type Json = Record<string, unknown>;
interface Content {
  "application/json"?: { schema: { $ref: string }; example?: unknown };
}
interface Operation {
  requestBody?: { content: Content };
  responses: Record<string, { description: string; content?: Content }>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Json> };
}

let document: Document;

beforeAll(async () => {
  const response = await SELF.fetch(`${BASE}/v1/openapi.json`);
  expect(response.status).toBe(200);
  document = (await response.json()) as Document;
});

const key = (method: string, honoPath: string) => `${method.toUpperCase()} ${openApiPath(honoPath)}`;

function documentedOperation(method: string, honoPath: string): Operation {
  const operation = document.paths[openApiPath(honoPath)]?.[method];
  if (!operation) throw new Error(`${key(method, honoPath)} is not in the document`);
  return operation;
}

function componentName(content: Content | undefined): string | undefined {
  return content?.["application/json"]?.schema.$ref.replace("#/components/schemas/", "");
}

/** Errors of `value` against the documented component `name` (none: valid). */
function violations(name: string, value: unknown): string[] {
  const validator = new Validator(
    { $ref: `#/components/schemas/${name}`, components: document.components },
    "2020-12",
    false,
  );
  const { valid, errors } = validator.validate(value);
  return valid ? [] : errors.map((error) => `${error.instanceLocation}: ${error.error}`);
}

describe("the document and the app's routes", () => {
  it("are the same set of operations", () => {
    const routes = new Set(app.routes.filter((r) => r.method !== "ALL").map((r) => key(r.method, r.path)));
    const documented = new Set(
      Object.entries(document.paths).flatMap(([path, operations]) =>
        Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
      ),
    );
    expect([...documented].sort()).toEqual([...routes].sort());
    expect(new Set(apiOperations.map((op) => key(op.method, op.path)))).toEqual(documented);
  });

  it("validate each body with the schema the document shows", () => {
    const validated = new Map<string, Json>();
    for (const route of app.routes) {
      const schema = bodySchemaOf(route.handler);
      if (schema)
        validated.set(key(route.method, route.path), jsonSchemaOf(schema, "input", apiSchemaSubstitutes));
    }
    expect(validated.size).toBeGreaterThanOrEqual(8);
    const withBody = apiOperations.filter((op) => op.body).map((op) => key(op.method, op.path));
    expect(withBody.sort()).toEqual([...validated.keys()].sort());
    for (const [route, schema] of validated) {
      const [method, path] = route.split(" ") as [string, string];
      const name = componentName(document.paths[path]?.[method.toLowerCase()]?.requestBody?.content);
      expect(name, route).toBeDefined();
      expect(document.components.schemas[name!], `${route}: documented ${name}`).toEqual(schema);
    }
  });
});

// ---- every operation, called for real ----

interface Fixture {
  site: string;
  tokens: Record<string, string>;
  tokenId: string;
  /** A visitor and their conversation, closed by Ana (for the visitor's conversation routes and the history's; reopened by one of them). */
  visitorToken: string;
  conversationId: string;
}

let sites = 0;

/**
 * A site with teams support (preset and overrides) and sales, agents ana (lead), ben and cy,
 * and a conversation its visitor started and closed.
 */
async function makeFixture(): Promise<Fixture> {
  const site = `contract-${++sites}`;
  const tokens = await seedSite(site);
  const ok = async (response: Promise<Response>) => expect((await response).ok).toBe(true);
  await ok(
    admin("PUT", `/sites/${site}/teams/support`, {
      name: "Support",
      preset: "sales",
      policy: { defaultLimit: 5 },
      settings: { csatEnabled: true },
    }),
  );
  await ok(admin("PUT", `/sites/${site}/agents/ana`, { name: "Ana", teams: ["support"], role: "lead" }));
  await ok(
    admin("PUT", `/sites/${site}/identity-secrets`, { current: "c".repeat(40), previous: "p".repeat(40) }),
  );
  // Before the endpoint exists, so its events go nowhere.
  const visitor = await connectVisitor(site);
  visitor.send({ type: "message", clientId: "c1", text: "hello" });
  const { conversationId } = await visitor.until("ack");
  const agent = await connectAgent(site, tokens.ana!);
  agent.send({ type: "presence", status: "online" });
  agent.send({ type: "claim", conversationId });
  await agent.until("assigned");
  agent.send({ type: "close", conversationId });
  await visitor.untilWhere("status", (frame) => frame.state === "closed");
  // Port 9 (discard) refuses at once: nothing in these calls should reach a receiver.
  await ok(admin("PUT", `/sites/${site}/webhooks/crm`, { url: "http://127.0.0.1:9/hooks" }));
  const listed = (await (await admin("GET", `/sites/${site}/agents/ana/tokens`)).json()) as {
    tokenId: string;
  }[];
  return {
    site,
    tokens,
    tokenId: listed[0]!.tokenId,
    visitorToken: visitor.session.visitorToken,
    conversationId,
  };
}

/** The real value of each path parameter; a new one needs a line here. */
function pathValues({ site, tokenId, conversationId }: Fixture): Record<string, string> {
  return { site, team: "support", agent: "ana", tokenId, endpoint: "crm", conversation: conversationId };
}

/** The `?ticket=` of each socket operation, from a real session. */
const tickets: Record<string, (fixture: Fixture) => Promise<string>> = {
  "/v1/sites/:site/connect": async ({ site }) =>
    ((await (await visitorSession(site)).json()) as { ticket: string }).ticket,
  "/v1/sites/:site/agent/connect": async ({ site, tokens }) =>
    ((await (await agentSession(site, tokens.ana!)).json()) as { tickets: { ticket: string }[] }).tickets[0]!
      .ticket,
};

/**
 * A real body for operations whose documented example cannot work twice: a login link's
 * code is single-use, so the valid call signs in with a fresh one; an erase needs a visitor.
 */
const realBodies: Record<string, (fixture: Fixture) => Promise<unknown>> = {
  "/v1/sites/:site/agent/login": async ({ site }) => {
    const issued = await admin("POST", `/sites/${site}/agents/ana/login-links`);
    const { loginPath } = (await issued.json()) as { loginPath: string };
    return { code: new URLSearchParams(loginPath.split("#")[1]).get("login") };
  },
  // The example's user never chatted here: erase a visitor who has a session.
  "/v1/admin/sites/:site/visitors/erase": async ({ site }) => ({
    visitorId: ((await (await visitorSession(site)).json()) as { visitorId: string }).visitorId,
  }),
};

function url(path: string, values: Record<string, string>, query: Record<string, string> = {}): string {
  const filled = path.replace(/:(\w+)/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`no fixture value for path parameter :${name}`);
    return value;
  });
  const search = new URLSearchParams(query).toString();
  return `${BASE}${filled}${search ? `?${search}` : ""}`;
}

/** The example with its first field (or item) of the wrong type, and that field's path. */
function broken(example: unknown): { body: unknown; path: string } {
  if (Array.isArray(example)) return { body: ["not-a-rule", ...example.slice(1)], path: "0" };
  const [field, value] = Object.entries(example as Json)[0] ?? [];
  if (field === undefined) throw new Error("an example needs at least one field to break");
  return {
    body: { ...(example as Json), [field]: typeof value === "string" ? 12345 : "not-valid" },
    path: field,
  };
}

/**
 * The operations share one site, called in the catalog's order (reads see what earlier writes
 * left, as a client would); a DELETE gets a site of its own, so what it removes is not missing
 * for a later operation. Seeding is slow in workerd, so there are only a few.
 */
let shared: Promise<Fixture> | undefined;
const fixtureFor = (removes: boolean): Promise<Fixture> =>
  removes ? makeFixture() : (shared ??= makeFixture());

/**
 * Operations this file cannot call with a JSON example: raw file bodies, a signed link.
 * `test/worker/attachments.test.ts` calls each for real and checks its answers against the
 * same schemas.
 */
const calledElsewhere = new Set([
  "POST /v1/sites/{site}/attachments",
  "POST /v1/sites/{site}/attachments/links",
  "POST /v1/sites/{site}/agent/attachments",
  "GET /v1/sites/{site}/files/{id}",
]);

describe.each(
  apiOperations
    .map((operation) => [key(operation.method, operation.path), operation] as const)
    .filter(([name]) => !calledElsewhere.has(name)),
)("%s", (_, operation) => {
  const call = async (given: unknown, credentials = true, real = false): Promise<Response> => {
    // Refused calls change nothing, so only a DELETE that is let through needs its own site.
    const setup = await fixtureFor(credentials && operation.method === "delete");
    const realBody = real ? realBodies[operation.path] : undefined;
    const body = realBody ? await realBody(setup) : given;
    const auth =
      operation.auth === ApiAuth.admin
        ? ADMIN
        : operation.auth === ApiAuth.agent
          ? { Authorization: `Bearer ${setup.tokens.ana}` }
          : operation.auth === ApiAuth.visitor
            ? { Authorization: `Bearer ${setup.visitorToken}` }
            : {};
    const query: Record<string, string> = {};
    for (const name of Object.keys(operation.query ?? {})) {
      const ticket = tickets[operation.path];
      if (name !== "ticket" || !ticket) throw new Error(`no fixture for query parameter ${name}`);
      query[name] = await ticket(setup);
    }
    const socket = Object.hasOwn(operation.responses, 101);
    return SELF.fetch(url(operation.path, pathValues(setup), query), {
      method: operation.method.toUpperCase(),
      headers: {
        // The panel's sign-in and sign-out come from the panel's own origin (the Worker's).
        Origin: operation.path.startsWith("/v1/sites/:site/agent/log") ? BASE : ORIGIN,
        ...(credentials ? auth : {}),
        ...(socket ? { Upgrade: "websocket" } : {}),
        ...(body === undefined ? {} : { "Content-Type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  };

  it("answers a valid call as documented", { timeout: 30_000 }, async () => {
    const documented = documentedOperation(operation.method, operation.path);
    const example = documented.requestBody?.content["application/json"]?.example;
    if (operation.body) {
      expect(example, "the documented example").toEqual(operation.body.example);
      expect(violations(componentName(documented.requestBody?.content)!, example)).toEqual([]);
    }
    const response = await call(example, true, true);
    const answer = documented.responses[String(response.status)];
    const success = Object.keys(operation.responses).map(Number);
    expect(
      success,
      `${response.status} ${response.webSocket ? "" : await response.clone().text()}`,
    ).toContain(response.status);
    const name = componentName(answer?.content);
    if (name) {
      expect(response.headers.get("Content-Type")).toContain("application/json");
      expect(violations(name, await response.json()), `the answer against ${name}`).toEqual([]);
    } else if (response.status === 101) {
      expect(response.webSocket).toBeTruthy();
      response.webSocket!.accept();
      response.webSocket!.close(1000, "done");
    } else if (response.status === 204) {
      expect(await response.text()).toBe("");
    }
  });

  // Only operations with a body, or with credentials, have these to check.
  const requestBody = operation.body;
  if (requestBody)
    it("refuses a wrong field with the documented 400 naming it", { timeout: 30_000 }, async () => {
      const documented = documentedOperation(operation.method, operation.path);
      const { body, path } = broken(requestBody.example);
      expect(violations(componentName(documented.requestBody?.content)!, body)).not.toEqual([]);
      const response = await call(body);
      expect(response.status).toBe(400);
      expect(documented.responses["400"]).toBeDefined();
      const error: unknown = await response.json();
      expect(violations("ErrorBody", error)).toEqual([]);
      expect(error).toMatchObject({ error: { code: "invalid_frame", path } });
    });

  if (operation.auth !== ApiAuth.none)
    it("answers a call without credentials with the documented 401", { timeout: 30_000 }, async () => {
      const response = await call(operation.body?.example, false);
      expect(response.status).toBe(401);
      expect(documentedOperation(operation.method, operation.path).responses["401"]).toBeDefined();
      expect(violations("ErrorBody", await response.json())).toEqual([]);
    });
});
