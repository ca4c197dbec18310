/**
 * The protocol's zod-free entry, for browser code (widget, panel, client): every wire
 * constant as a value, every frame and body as a type only. Importing this ships no zod;
 * the import rules (`.dependency-cruiser.cjs`) let browser code import nothing else here.
 */
export * from "./limits";
export * from "./attachment-limits";
export * from "./error-codes";
export * from "./close-codes";
export * from "./canned-reply-fill";
export * from "./csat-scale";
export type * from "./common";
export type * from "./attachments";
export type * from "./error-frame";
export type * from "./session";
export type * from "./agent-sign-in";
export type * from "./visitor-frames";
export type * from "./agent-frames";
export type * from "./admin";
export type * from "./lead-team-form";
export type * from "./site-config";
export type * from "./team-policy";
export type * from "./team-settings";
export type * from "./business-hours";
export type * from "./routing-rules";
export type * from "./team-messages";
export type * from "./canned-replies";
export type * from "./labels";
export type * from "./history";
export type * from "./csat";
