/**
 * The server's one shape for "done or refused": objects, their RPC callers in the Worker and
 * the handlers behind sockets all return a `Result`. A refusal carries a code from the closed
 * set and a human sentence (plus the field at fault for bodies), so it maps to an `error`
 * frame or an HTTP error body without a second vocabulary. Zod-free: nothing here is parsed.
 */
import type { ErrorCode } from "./error-codes";

export interface Refusal {
  code: ErrorCode;
  message: string;
  /** The field at fault, for a refused body, e.g. "teams.0". */
  path?: string;
  /** Every field at fault, when there are several. */
  issues?: { path: string; message: string }[];
  /** `too_large`: the most that is taken (bytes for a file). */
  limit?: number;
}

export type Result<T = void> = { ok: true; value: T } | { ok: false; refusal: Refusal };

/** A done result. */
export function ok(): Result<void>;
export function ok<T>(value: T): Result<T>;
export function ok<T>(value?: T): Result<T | undefined> {
  return { ok: true, value };
}

/** A refused result. */
export function refuse(
  code: ErrorCode,
  message: string,
  options: Pick<Refusal, "path" | "issues" | "limit"> = {},
): { ok: false; refusal: Refusal } {
  return { ok: false, refusal: { code, message, ...options } };
}
