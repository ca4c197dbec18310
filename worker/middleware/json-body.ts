/**
 * Validates a JSON body with a zod schema, answering 400 `invalid_json` / `invalid_frame`
 * with the first field's path and every field at fault (`issues`), or 413 `too_large`. The parsed body is `c.req.valid("json")`.
 */
import { zValidator } from "@hono/zod-validator";
import type { z } from "zod";
import { invalidBody } from "../api-error";

export function jsonBody<S extends z.ZodType>(schema: S) {
  return zValidator("json", schema, (result) => {
    if (result.success) return;
    throw invalidBody(result.error.issues);
  });
}
