/**
 * Validates a route's query string with a zod schema, answering 400 `invalid_frame` with the
 * parameter at fault as `path` (e.g. `cursor`) and every issue, like `jsonBody` does for bodies.
 * The parsed query is `c.req.valid("query")`.
 */
import { zValidator } from "@hono/zod-validator";
import type { z } from "zod";
import { invalidBody } from "../api-error";

export function queryParams<S extends z.ZodType>(schema: S) {
  return zValidator("query", schema, (result) => {
    if (result.success) return;
    throw invalidBody(result.error.issues);
  });
}
