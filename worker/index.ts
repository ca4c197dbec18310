/** The Worker's entry: the Hono app, and the Durable Object classes wrangler binds. */
import { app } from "./app";

export { SiteDO } from "../durable-objects/site/site-do";
export { TeamDO } from "../durable-objects/team/team-do";
export default app;
