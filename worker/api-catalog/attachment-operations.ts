/**
 * The attachment operations (README "Attachments"): uploads and the signed links of
 * visitors and agents (`worker/routes/attachment-routes.ts`).
 *
 * Part of the OpenAPI catalog (`index.ts` assembles the parts in order).
 */
import {
  attachmentLinksRequestSchema,
  attachmentLinksSchema,
  attachmentUploadedSchema,
} from "../../protocol";
import { ApiAuth, type ApiOperation } from "../../protocol/openapi";
import { named } from "./shared";

export const attachmentOperations: readonly ApiOperation[] = [
  {
    method: "post",
    path: "/v1/sites/:site/attachments",
    summary: "A visitor uploads a file (the raw bytes as the body)",
    tag: "visitor",
    auth: ApiAuth.none,
    description:
      "`Authorization: Bearer <visitorToken>` from an allowed Origin; `?name=` the file's name. The type is read from the bytes and checked against the site's `attachments` limits; the file goes to the team of the visitor's session, and the returned id goes in the next `message` frame's `attachments`.",
    query: { name: "the file's name (shown, and the download's name)" },
    responses: { 201: named("AttachmentUploaded", attachmentUploadedSchema) },
    errors: [403, 404, 409, 413, 415],
  },
  {
    method: "post",
    path: "/v1/sites/:site/attachments/links",
    summary: "A visitor's signed download links",
    tag: "visitor",
    auth: ApiAuth.none,
    description:
      "`Authorization: Bearer <visitorToken>` from an allowed Origin. Links (valid 5 minutes, on the chat server's origin) for the ids the visitor may see: their own conversations' files; others are left out.",
    body: {
      ...named("AttachmentLinksRequest", attachmentLinksRequestSchema),
      example: { ids: ["att_AAAAAAAAAAAAAAAAAAAAAA"] },
    },
    responses: { 200: named("AttachmentLinks", attachmentLinksSchema) },
    errors: [403],
  },
  {
    method: "post",
    path: "/v1/sites/:site/agent/attachments",
    summary: "An agent uploads a file for a conversation of theirs (the raw bytes as the body)",
    tag: "agent",
    auth: ApiAuth.agent,
    description:
      "`?team=&conversation=&name=`; checked like a visitor's upload. Only the conversation's agent may add to it.",
    query: { team: "the conversation's team", conversation: "the conversation", name: "the file's name" },
    responses: { 201: named("AttachmentUploaded", attachmentUploadedSchema) },
    errors: [403, 404, 409, 413, 415],
  },
  {
    method: "post",
    path: "/v1/sites/:site/agent/attachments/links",
    summary: "An agent's signed download links for their team's files",
    tag: "agent",
    auth: ApiAuth.agent,
    body: {
      ...named("AttachmentLinksRequest", attachmentLinksRequestSchema),
      example: { team: "support", ids: ["att_AAAAAAAAAAAAAAAAAAAAAA"] },
    },
    responses: { 200: named("AttachmentLinks", attachmentLinksSchema) },
    errors: [403, 404],
  },
  {
    method: "get",
    path: "/v1/sites/:site/files/:id",
    summary: "Download a file by its signed link",
    tag: "visitor",
    auth: ApiAuth.none,
    description:
      "Only with `exp` and `sig` from a links call, before `exp`. Images are served inline, anything else as a download (`Content-Disposition: attachment`), always with `X-Content-Type-Options: nosniff` and `Content-Security-Policy: default-src 'none'; sandbox`.",
    query: { exp: "expiry, epoch ms", sig: "HMAC-SHA256 signature" },
    responses: { 200: "the file's bytes" },
    errors: [403, 404],
  },
];
