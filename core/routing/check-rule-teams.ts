/**
 * Checks that every routing rule names a team the site has, so a rule can never send a
 * conversation to a team with no Durable Object behind it. Used by the admin API when
 * rules or teams change (zod checks the shape; only the site knows its teams).
 *
 * @example
 * const issue = checkRuleTeams(body.routingRules, Object.keys(site.teams), "routingRules");
 * if (issue) throw new ApiError(400, ErrorCode.invalidFrame, issue.message, issue.path);
 */
import type { FieldIssue } from "../../protocol/error-frame";
import type { RoutingRule } from "../../protocol/routing-rules";

/** The first rule whose team is not in `teamIds`, or null when all are known. */
export function checkRuleTeams(
  rules: readonly RoutingRule[],
  teamIds: Iterable<string>,
  basePath = "",
): FieldIssue | null {
  const known = new Set(teamIds);
  const index = rules.findIndex((rule) => !known.has(rule.team));
  const rule = rules[index];
  if (!rule) return null;
  const prefix = basePath ? `${basePath}.` : "";
  return {
    path: `${prefix}${index}.team`,
    message: `rule ${index} routes to team "${rule.team}", which this site does not have`,
  };
}
