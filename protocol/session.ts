/**
 * HTTP bodies that open a connection: the visitor's session (widget) and the agent's
 * session (panel). Both return short-lived tickets that the WebSocket upgrade checks.
 */
import { z } from "zod";
import { epochMsSchema, idSchema } from "./common";

export const visitorSessionRequestSchema = z.strictObject({
  /** The token from an earlier session; omitted on a visitor's first visit. */
  visitorToken: z.string().max(1024).optional(),
  /** BCP 47 language of the page or browser, e.g. "es" or "fr-CA". */
  locale: z.string().max(35).optional(),
  /** The page the widget is on. */
  page: z.string().max(2048).optional(),
  /** A team the visitor chose in the widget (e.g. "sales"). */
  team: idSchema.optional(),
});
export type VisitorSessionRequest = z.infer<typeof visitorSessionRequestSchema>;

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
});
export type VisitorSessionResponse = z.infer<typeof visitorSessionResponseSchema>;

/** Agents authenticate with `Authorization: Bearer <agent token>`; the body is empty. */
export const agentSessionResponseSchema = z.object({
  agent: z.object({ id: z.string(), name: z.string(), teams: z.array(z.string()) }),
  site: z.string(),
  /** One ticket per team the agent works in; connect one socket per team. */
  tickets: z.array(
    z.object({ teamId: z.string(), teamName: z.string(), ticket: z.string(), connectPath: z.string() }),
  ),
  ticketExpiresAt: epochMsSchema,
});
export type AgentSessionResponse = z.infer<typeof agentSessionResponseSchema>;
