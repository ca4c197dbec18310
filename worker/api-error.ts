/**
 * The one error type routes and middleware throw. `app.onError` turns it into
 * `{ error: { code, message, path? } }` with its status (and headers, e.g. Retry-After);
 * anything else becomes a 500 `internal` without details.
 */
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { ErrorCode, type HttpErrorBody } from "../protocol";

export interface ApiErrorOptions {
  cause?: unknown;
  /** Extra response headers, e.g. `Retry-After` on a 429. */
  headers?: Record<string, string>;
}

export class ApiError extends Error {
  readonly headers: Record<string, string>;

  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ErrorCode,
    message: string,
    readonly path?: string,
    options: ApiErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "ApiError";
    this.headers = options.headers ?? {};
  }

  toBody(): HttpErrorBody {
    return { error: { code: this.code, message: this.message, ...(this.path ? { path: this.path } : {}) } };
  }
}

export const unauthorized = (message = "a valid token is required") => new ApiError(401, ErrorCode.unauthorized, message);
export const forbidden = (message: string) => new ApiError(403, ErrorCode.forbidden, message);
export const notFound = (message: string) => new ApiError(404, ErrorCode.notFound, message);
export const invalidField = (path: string, message: string) => new ApiError(400, ErrorCode.invalidFrame, `${path}: ${message}`, path);
