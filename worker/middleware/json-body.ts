/**
 * Validates a JSON body with a zod schema, answering 400 `invalid_json` / `invalid_frame`
 * with the first field's path and every field at fault (`issues`), or 413 `too_large`. The parsed body is `c.req.valid("json")`.
 * `bodySchemaOf` tells which schema a route's middleware validates with, so the contract test
 * (`test/worker/api-contract.test.ts`) can hold it against the one the OpenAPI document shows.
 */
import { zValidator } from "@hono/zod-validator";
import type { z } from "zod";
import { invalidBody } from "../api-error";

/** Each middleware made here, with its schema; weak, so nothing outlives the app. */
const schemas = new WeakMap<object, z.ZodType>();

export function jsonBody<S extends z.ZodType>(schema: S) {
  const middleware = zValidator("json", schema, (result) => {
    if (result.success) return;
    throw invalidBody(result.error.issues);
  });
  schemas.set(middleware, schema);
  return middleware;
}

/** The schema `handler` validates bodies with, if it is a `jsonBody` middleware. */
export function bodySchemaOf(handler: object): z.ZodType | undefined {
  return schemas.get(handler);
}
