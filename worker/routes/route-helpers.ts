/**
 * Helpers the admin and settings routes share: ids from the path (a malformed one is a
 * 400 naming the parameter), SiteDO results turned into HTTP errors, stored teams as views.
 */
import type { Context } from "hono";
import { ErrorCode, idSchema, teamBodySchema, teamView, type Result, type TeamView } from "../../protocol";
import { siteStub, teamStub } from "../../durable-objects/addresses";
import type { TeamRecord } from "../../durable-objects/site/site-do";
import { ApiError, notFound } from "../api-error";
import type { AppEnv } from "../app-env";

/** The `:name` path parameter, which must be a valid id. */
export function pathId(c: Context<AppEnv>, name: string): string {
  const value = c.req.param(name) ?? "";
  if (!idSchema.safeParse(value).success) {
    throw new ApiError(
      400,
      ErrorCode.invalidFrame,
      `${name}: must be 1-63 of a-z, 0-9, _ and -, starting with a letter or digit`,
      name,
    );
  }
  return value;
}

/** Throws the HTTP error for a refused change: 400 with the field path, or 404. */
export function applied<T>(result: Result<T>): void {
  if (result.ok) return;
  const { code, message, path } = result.refusal;
  if (code === ErrorCode.notFound) throw notFound(message);
  throw new ApiError(400, code, path ? `${path}: ${message}` : message, path);
}

/** The value of a done result; the HTTP error of a refused one, as `applied`. */
export function appliedValue<T>(result: Result<T>): T {
  applied(result);
  if (!result.ok) throw notFound(result.refusal.message);
  return result.value;
}

/** A resource read back from the SiteDO, or 404. */
export function found<T>(value: T, what: string): NonNullable<T> {
  if (value === null || value === undefined) throw notFound(`no such ${what}`);
  return value;
}

/** A stored team (JSON from the SiteDO), parsed and shown with its resolved policy. */
export function teamViewOf(record: TeamRecord): TeamView {
  return teamView(record.id, teamBodySchema.parse(JSON.parse(record.config)));
}

/** The one team of `records`, or 404. */
export function oneTeam(records: TeamRecord[] | null): TeamView {
  return teamViewOf(found(found(records, "site")[0], "team"));
}

/** The `:team` of the `:site`'s object, once the site says the team exists (else 404). */
export async function existingTeam(c: Context<AppEnv>) {
  const siteId = pathId(c, "site");
  const teamId = pathId(c, "team");
  oneTeam(await siteStub(c.env, siteId).teamRecords(teamId));
  return teamStub(c.env, siteId, teamId);
}
