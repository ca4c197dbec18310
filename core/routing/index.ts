/**
 * Routing between a site's teams, at the edge: which team a new conversation goes to, and
 * the admin-time check that rules only name existing teams. Pure; no Cloudflare import.
 */
export { pickTeam, conditionsMatch, type RoutingContext, type TeamPick } from "./pick-team";
export { checkRuleTeams } from "./check-rule-teams";
export { matchesGlob } from "./url-glob";
export { visitorCountry } from "./visitor-country";
