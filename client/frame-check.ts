/**
 * Tiny structural checks for frames coming off a socket, so the widget and the panel never
 * trust the wire blindly yet ship no zod (the server validates with the full schemas in
 * `protocol/`; these check what the clients read). Used by `visitor-frames.ts` and the
 * panel's `agent-frame-checks.ts`.
 *
 * @example
 * const isAck = shape<Ack>({ type: str, clientId: str, seq: num });
 */

export type Check = (value: unknown) => boolean;

export const str: Check = (value) => typeof value === "string";
export const num: Check = (value) => typeof value === "number" && Number.isFinite(value);
export const bool: Check = (value) => typeof value === "boolean";
export const optional =
  (check: Check): Check =>
  (value) =>
    value === undefined || check(value);
export const nullable =
  (check: Check): Check =>
  (value) =>
    value === null || check(value);
export const listOf =
  (check: Check): Check =>
  (value) =>
    Array.isArray(value) && value.every(check);

/** An object whose listed fields pass their checks; the keys are checked against `T`. */
export function shape<T>(fields: { [K in keyof T]?: Check }): Check {
  const entries = Object.entries(fields) as [string, Check][];
  return (value) =>
    typeof value === "object" &&
    value !== null &&
    entries.every(([key, check]) => check((value as Record<string, unknown>)[key]));
}

/**
 * Parses one text frame and returns it typed if a check exists for its `type` and passes;
 * null for anything else (bad JSON, unknown type, wrong fields), which callers ignore.
 */
export function readFrame<F extends { type: string }>(
  text: string,
  checks: { [K in F["type"]]: Check },
): F | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  const type = typeof value === "object" && value !== null && "type" in value ? value.type : null;
  // The cast is what the check just proved, field by field.
  return typeof type === "string" && Object.hasOwn(checks, type) && checks[type as F["type"]](value)
    ? (value as F)
    : null;
}
