/**
 * What the Worker tells a team about a visitor at every session (`TeamDO.rememberVisitor`):
 * verified fields only from a checked identity; everything the page said without a valid
 * hash goes to `hints`, which agents may see and routing and priority never read.
 */
import type { VisitorProfile } from "../team-config";
import type { IdentityCheck } from "./check-identity";

export interface VisitorFacts {
  visitorId: string;
  identity: Exclude<IdentityCheck, { status: "rejected" }>;
  locale?: string | undefined;
  timeZone?: string | undefined;
  country?: string | undefined;
  page?: string | undefined;
}

/** "Visitor 3fA9": how agents see a visitor who has no verified name. */
export function visitorLabel(visitorId: string): string {
  return `Visitor ${visitorId.slice(2, 6)}`;
}

export function visitorProfile(facts: VisitorFacts): VisitorProfile {
  const { visitorId, identity } = facts;
  const context = {
    ...(facts.locale === undefined ? {} : { locale: facts.locale }),
    ...(facts.timeZone === undefined ? {} : { timeZone: facts.timeZone }),
    ...(facts.country === undefined ? {} : { country: facts.country }),
    ...(facts.page === undefined ? {} : { page: facts.page }),
  };
  if (identity.status === "verified") {
    const { id, name, email, attributes } = identity.user;
    return {
      visitorId,
      name: name ?? visitorLabel(visitorId),
      userId: id,
      ...(email === undefined ? {} : { email }),
      verified: { ...attributes },
      hints: {},
      ...context,
    };
  }
  const hints: VisitorProfile["hints"] = {};
  if (identity.status === "unverified") {
    const { id, name, email, attributes } = identity.user;
    Object.assign(hints, attributes);
    // Dotted keys cannot clash with attribute names, which allow no ".".
    if (id !== undefined) hints["user.id"] = id;
    if (name !== undefined) hints["user.name"] = name;
    if (email !== undefined) hints["user.email"] = email;
  }
  return { visitorId, name: visitorLabel(visitorId), verified: {}, hints, ...context };
}
