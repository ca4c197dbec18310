/**
 * The one error type routes and middleware throw. `app.onError` turns it into
 * `{ error: { code, message, path? } }` with its status (and headers, e.g. Retry-After);
 * anything else becomes a 500 `internal` without details.
 */
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { ErrorCode, type FieldIssue, type HttpErrorBody } from "../protocol";

export interface ApiErrorOptions {
  cause?: unknown;
  /** Extra response headers, e.g. `Retry-After` on a 429. */
  headers?: Record<string, string>;
  /** Every field at fault of a refused body. */
  issues?: FieldIssue[];
  /** `too_large`: the most that is taken. */
  limit?: number;
}

/** At most this many issues go back: enough for any form, bounded for any body. */
const MAX_ISSUES = 50;

export class ApiError extends Error {
  readonly headers: Record<string, string>;
  readonly issues: FieldIssue[] | undefined;
  readonly limit: number | undefined;

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
    this.issues = options.issues;
    this.limit = options.limit;
  }

  toBody(): HttpErrorBody {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.path ? { path: this.path } : {}),
        ...(this.issues ? { issues: this.issues } : {}),
        ...(this.limit !== undefined ? { limit: this.limit } : {}),
      },
    };
  }
}

export const unauthorized = (message = "a valid token is required") =>
  new ApiError(401, ErrorCode.unauthorized, message);
export const forbidden = (message: string) => new ApiError(403, ErrorCode.forbidden, message);
export const notFound = (message: string) => new ApiError(404, ErrorCode.notFound, message);
/** A body the schema refused: the first issue as the message and path, and all of them. */
export function invalidBody(issues: readonly { path: readonly PropertyKey[]; message: string }[]): ApiError {
  const all = issues
    .slice(0, MAX_ISSUES)
    .map((issue) => ({ path: issue.path.map(String).join("."), message: issue.message }));
  const first = all[0] ?? { path: "", message: "invalid body" };
  return new ApiError(
    400,
    ErrorCode.invalidFrame,
    first.path ? `${first.path}: ${first.message}` : first.message,
    first.path || undefined,
    { issues: all },
  );
}
