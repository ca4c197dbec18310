/**
 * The meta operations: liveness and this document.
 *
 * Part of the OpenAPI catalog (`index.ts` assembles the parts in order).
 */
import { z } from "zod";
import { ApiAuth, type ApiOperation } from "../../protocol/openapi";
import { named } from "./shared";

export const metaOperations: readonly ApiOperation[] = [
  {
    method: "get",
    path: "/health",
    summary: "Liveness",
    tag: "meta",
    auth: ApiAuth.none,
    responses: { 200: named("Health", z.object({ ok: z.literal(true) })) },
  },
  {
    method: "get",
    path: "/v1/openapi.json",
    summary: "This document",
    tag: "meta",
    auth: ApiAuth.none,
    responses: { 200: "the OpenAPI 3.1 document" },
  },
];
