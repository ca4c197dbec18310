/** `GET /v1/openapi.json`: the OpenAPI 3.1 document of every route (`worker/api-catalog/`). */
import { Hono } from "hono";
import type { AppEnv } from "../app-env";
import { apiDocument } from "../api-catalog";

export const openApiRoutes = new Hono<AppEnv>();

// Public and credential-free, so any origin (an API explorer, a code generator) may read it.
openApiRoutes.get("/openapi.json", (c) => c.json(apiDocument(), 200, { "Access-Control-Allow-Origin": "*" }));
