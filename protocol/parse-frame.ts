/**
 * Turns raw bytes off a socket into a typed frame or a typed error frame. Used by the
 * TeamDO for every frame in, and by tests and tools that read frames out.
 */
import type { z } from "zod";
import { ErrorCode } from "./error-codes";
import type { ErrorFrame } from "./error-frame";
import { MAX_FRAME_BYTES } from "./limits";

export type ParseResult<T> = { ok: true; frame: T } | { ok: false; error: ErrorFrame };

type FrameUnion = z.ZodDiscriminatedUnion<readonly z.ZodObject[], "type">;

const encoder = new TextEncoder();

/** Byte length of a socket message, counting strings as UTF-8. */
export function frameBytes(raw: string | ArrayBuffer): number {
  if (typeof raw !== "string") return raw.byteLength;
  // Cheap upper bound first: most frames are far below the limit.
  return raw.length * 3 <= MAX_FRAME_BYTES ? raw.length : encoder.encode(raw).byteLength;
}

export function parseFrame<S extends FrameUnion>(
  raw: string | ArrayBuffer,
  schema: S,
): ParseResult<z.infer<S>> {
  if (frameBytes(raw) > MAX_FRAME_BYTES) {
    return fail(ErrorCode.tooLarge, `frames are limited to ${MAX_FRAME_BYTES} bytes`);
  }
  if (typeof raw !== "string") return fail(ErrorCode.invalidJson, "frames are JSON text, not binary");
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return fail(ErrorCode.invalidJson, "the frame is not valid JSON");
  }
  const type = typeof json === "object" && json !== null && "type" in json ? json.type : undefined;
  if (typeof type !== "string" || !frameTypes(schema).has(type)) {
    return fail(ErrorCode.unknownType, `unknown frame type ${JSON.stringify(type ?? null).slice(0, 40)}`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? `${issue.path.join(".")}: ` : "";
    const code =
      issue?.code === "too_big" && issue.path.includes("text") ? ErrorCode.tooLarge : ErrorCode.invalidFrame;
    const clientId =
      typeof (json as { clientId?: unknown }).clientId === "string"
        ? (json as { clientId: string }).clientId
        : undefined;
    return fail(code, `${type}: ${where}${issue?.message ?? "invalid"}`, clientId);
  }
  return { ok: true, frame: parsed.data };
}

const typeCache = new WeakMap<FrameUnion, Set<string>>();

/** The `type` literals a union accepts, computed once per schema. */
function frameTypes(schema: FrameUnion): Set<string> {
  let types = typeCache.get(schema);
  if (!types) {
    types = new Set(schema.options.map((option) => String((option.shape.type as z.ZodLiteral).value)));
    typeCache.set(schema, types);
  }
  return types;
}

function fail(
  code: ErrorFrame["code"],
  message: string,
  clientId?: string,
): { ok: false; error: ErrorFrame } {
  return {
    ok: false,
    error: { type: "error", code, message, ...(clientId ? { clientId: clientId.slice(0, 64) } : {}) },
  };
}
