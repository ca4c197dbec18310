/**
 * Validates a JSON body with a zod schema, answering 400 `invalid_json` / `invalid_frame`
 * with the field path, or 413 `too_large`. The parsed body is `c.req.valid("json")`.
 */
import { zValidator } from "@hono/zod-validator";
import type { z } from "zod";
import { ErrorCode } from "../../protocol";
import { ApiError } from "../api-error";

export function jsonBody<S extends z.ZodType>(schema: S) {
  return zValidator("json", schema, (result) => {
    if (result.success) return;
    const issue = result.error.issues[0];
    const path = issue?.path.join(".") || undefined;
    throw new ApiError(400, ErrorCode.invalidFrame, `${path ? `${path}: ` : ""}${issue?.message ?? "invalid body"}`, path);
  });
}
