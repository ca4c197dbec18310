/**
 * Refuses a request body over `maxBytes` with 413 `too_large`, before it is read whole
 * (Hono's body limit, answering in our error shape). Put it before `jsonBody()`.
 */
import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { ErrorCode } from "../../protocol";
import { ApiError } from "../api-error";
import type { AppEnv } from "../app-env";

export function limitBody(maxBytes: number): MiddlewareHandler<AppEnv> {
  return bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new ApiError(413, ErrorCode.tooLarge, `the body is over ${maxBytes} bytes`);
    },
  });
}
