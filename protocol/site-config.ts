/**
 * A whole site's configuration as one JSON document, validated by the same schemas as the
 * admin API. `npm run config -- apply FILE` applies it; `npm start` applies the demo's.
 */
import { z } from "zod";
import { agentBodySchema, siteBodySchema, teamBodySchema } from "./admin";
import { idSchema } from "./common";

export const siteConfigSchema = siteBodySchema.extend({
  /** The site id used in the script tag's data-site. */
  site: idSchema,
  teams: z.record(idSchema, teamBodySchema),
  agents: z.record(idSchema, agentBodySchema),
});
export type SiteConfig = z.infer<typeof siteConfigSchema>;
