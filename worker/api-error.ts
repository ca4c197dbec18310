/**
 * The one error type routes throw. `app.onError` turns it into `{ error: { code, message,
 * path? } }` with its status; anything else becomes a 500 `internal` without details.
 */
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { ErrorCode, type HttpErrorBody } from "../protocol";

export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ErrorCode,
    message: string,
    readonly path?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "ApiError";
  }

  toBody(): HttpErrorBody {
    return { error: { code: this.code, message: this.message, ...(this.path ? { path: this.path } : {}) } };
  }
}

export const unauthorized = (message = "a valid token is required") => new ApiError(401, ErrorCode.unauthorized, message);
export const forbidden = (message: string) => new ApiError(403, ErrorCode.forbidden, message);
export const notFound = (message: string) => new ApiError(404, ErrorCode.notFound, message);
