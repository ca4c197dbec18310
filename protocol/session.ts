/**
 * HTTP bodies that open a connection: the visitor's session (widget) and the agent's
 * session (panel). Both return short-lived tickets that the WebSocket upgrade checks.
 *
 * A visitor session may carry the site's signed identity of a logged-in user (`user`, with
 * `hash` computed by the site's backend; see README "Identity verification"). Only a valid
 * hash makes its fields `verified`; without one they are kept as hints for agents.
 */
import { z } from "zod";
import { AgentRole } from "./admin";
import { MAX_EMAIL_CHARS } from "./business-hours";
import { epochMsSchema, idSchema } from "./common";
import {
  ATTRIBUTE_KEY_PATTERN,
  MAX_ATTRIBUTE_VALUE_CHARS,
  MAX_USER_ATTRIBUTES,
  MAX_USER_ID_CHARS,
} from "./limits";

/**
 * Control characters, line separators and unpaired surrogates: the only characters whose
 * JSON encoding differs between Node, PHP and Python (or that would split a line of the
 * signed message), so signed strings may not contain them.
 */
// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const UNSIGNABLE_CHARACTERS = /[\u0000-\u001f\u007f\u2028\u2029\ud800-\udfff]/u;

function signableText(maxChars: number) {
  return z
    .string()
    .min(1)
    .max(maxChars)
    .refine(
      (text) => !UNSIGNABLE_CHARACTERS.test(text),
      "must not contain control characters, line separators or unpaired surrogates",
    );
}

export const userAttributeKeySchema = z
  .string()
  .regex(ATTRIBUTE_KEY_PATTERN, "must be 1-64 of A-Z, a-z, 0-9, _ and -");
/** A string, a whole number (JSON-safe) or a boolean; decimals go as strings or in cents. */
export const userAttributeValueSchema = z.union([
  z
    .string()
    .max(MAX_ATTRIBUTE_VALUE_CHARS)
    .refine(
      (text) => !UNSIGNABLE_CHARACTERS.test(text),
      "must not contain control characters, line separators or unpaired surrogates",
    ),
  z.number().int("must be a whole number (send decimals as a string, or in cents)"),
  z.boolean(),
]);
export type UserAttributeValue = z.infer<typeof userAttributeValueSchema>;

/** Lowercase or uppercase hex of an HMAC-SHA256. */
export const identityHashSchema = z
  .string()
  .regex(/^[0-9a-fA-F]{64}$/, "must be the 64 hex digits of an HMAC-SHA256");

/**
 * Who the visitor is on the site, as the page says. With `hash` (the site backend's
 * HMAC-SHA256 of the identity message, see README) every field is verified; without it,
 * all of them are hints only.
 */
export const visitorUserSchema = z
  .strictObject({
    /** The site's own id of the user, as a string ("42", not 42). */
    id: signableText(MAX_USER_ID_CHARS).optional(),
    name: signableText(100).optional(),
    email: z.email().max(MAX_EMAIL_CHARS).optional(),
    /** Facts routing and priority rules may read once verified: plan, vip, revenue... */
    attributes: z
      .record(userAttributeKeySchema, userAttributeValueSchema)
      .refine(
        (attributes) => Object.keys(attributes).length <= MAX_USER_ATTRIBUTES,
        `at most ${MAX_USER_ATTRIBUTES} attributes`,
      )
      .optional(),
    hash: identityHashSchema.optional(),
  })
  .refine((user) => user.hash === undefined || user.id !== undefined, {
    path: ["id"],
    message: "a signed identity (with hash) needs its id",
  });
export type VisitorUser = z.infer<typeof visitorUserSchema>;

export const visitorSessionRequestSchema = z.strictObject({
  /** The token from an earlier session; omitted on a visitor's first visit. */
  visitorToken: z.string().max(1024).optional(),
  /** BCP 47 language of the page or browser, e.g. "es" or "fr-CA". */
  locale: z.string().max(35).optional(),
  /**
   * IANA time zone of the browser, e.g. "Europe/Madrid", for opening times. Only its shape
   * is checked here: a zone the server does not know is dropped, not refused (the chat must
   * not fail over a newer tz database in the browser).
   */
  timeZone: z
    .string()
    .max(64)
    .regex(/^[A-Za-z0-9_+\-/]+$/, "must be an IANA time zone such as Europe/Paris")
    .optional(),
  /** The page the widget is on. */
  page: z.string().max(2048).optional(),
  /** What the visitor picked in the widget (e.g. "sales"); routing rules with `choices` read it. */
  team: idSchema.optional(),
  /** The logged-in user, from the site's page; see `visitorUserSchema`. */
  user: visitorUserSchema.optional(),
});
export type VisitorSessionRequest = z.infer<typeof visitorSessionRequestSchema>;

/** How much the server trusts who the visitor says they are. */
export const IdentityStatus = {
  /** No `user` was sent. */
  anonymous: "anonymous",
  /** A `user` without `hash`: its fields are hints for agents only. */
  unverified: "unverified",
  /** A `user` whose hash checked out against the site's identity secret. */
  verified: "verified",
} as const;
export type IdentityStatus = (typeof IdentityStatus)[keyof typeof IdentityStatus];

export const visitorSessionResponseSchema = z.object({
  visitorToken: z.string(),
  visitorId: z.string(),
  teamId: z.string(),
  /** The visitor's open conversation, if any. */
  conversationId: z.string().nullable(),
  /** Pass as `?ticket=` to the connect URL within `ticketExpiresAt`. */
  ticket: z.string(),
  ticketExpiresAt: epochMsSchema,
  /** Path of the WebSocket endpoint, relative to the Worker's origin. */
  connectPath: z.string(),
  identity: z.enum(IdentityStatus),
});
export type VisitorSessionResponse = z.infer<typeof visitorSessionResponseSchema>;

/** Agents authenticate with `Authorization: Bearer <agent token>`; the body is empty. */
export const agentSessionResponseSchema = z.object({
  /** `role: "lead"` may also read and change their teams' settings (`/teams/:team/settings`). */
  agent: z.object({ id: z.string(), name: z.string(), teams: z.array(z.string()), role: z.enum(AgentRole) }),
  site: z.string(),
  /** One ticket per team the agent works in; connect one socket per team. */
  tickets: z.array(
    z.object({ teamId: z.string(), teamName: z.string(), ticket: z.string(), connectPath: z.string() }),
  ),
  ticketExpiresAt: epochMsSchema,
  /** Every team of the site, the agent's own and the others: where a chat can be transferred. */
  siteTeams: z.array(z.object({ id: z.string(), name: z.string() })),
});
export type AgentSessionResponse = z.infer<typeof agentSessionResponseSchema>;
