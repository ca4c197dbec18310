/**
 * The wire protocol, shared by widget, panel, Worker and TeamDO. The widget imports
 * types only (plus the zod-free `limits` and `error-codes`), so it ships no zod.
 */
export * from "./limits";
export * from "./attachment-limits";
export * from "./attachments";
export * from "./error-codes";
export * from "./close-codes";
export * from "./common";
export * from "./error-frame";
export * from "./result";
export * from "./session";
export * from "./agent-sign-in";
export * from "./visitor-frames";
export * from "./agent-frames";
export * from "./parse-frame";
export * from "./admin";
export * from "./lead-team-form";
export * from "./site-config";
export * from "./team-policy";
export * from "./team-settings";
export * from "./business-hours";
export * from "./routing-rules";
export * from "./team-messages";
export * from "./canned-reply-fill";
export * from "./canned-replies";
export * from "./labels";
export * from "./erasure";
export * from "./history";
export * from "./webhooks";
export * from "./csat-scale";
export * from "./csat";
