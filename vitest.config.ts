/**
 * Three test projects: `unit` (plain Node: protocol, pure assignment engine),
 * `worker` (the Worker and Durable Objects inside workerd via vitest-pool-workers),
 * and `e2e` (real Chromium against `wrangler dev`).
 */
import { cloudflareTest } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";
import { loopbackOnly } from "./test/worker/loopback-only";

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["test/unit/**/*.test.ts"],
          environment: "node",
          sequence: { groupOrder: 0 },
        },
      },
      {
        plugins: [
          cloudflareTest({
            wrangler: { configPath: "./wrangler.toml" },
            // Test-only secrets; real ones come from `wrangler secret put` or .dev.vars.
            miniflare: {
              bindings: { ADMIN_TOKEN: "test-admin-token", SIGNING_SECRET: "test-signing-secret-0123456789" },
              // Every fetch a test, the Worker or an object makes: 127.0.0.1 only, never a DNS lookup.
              outboundService: loopbackOnly,
            },
          }),
        ],
        test: {
          name: "worker",
          include: ["test/worker/**/*.test.ts"],
          // A real HTTP receiver on 127.0.0.1 for the webhook tests.
          globalSetup: ["test/worker/webhook-receiver.global.ts"],
          sequence: { groupOrder: 0 },
          // The TeamDO model test's sequence count (`team-model.test.ts`); 0: its short default.
          provide: { workerModelRuns: Number(process.env.EDGECHAT_MODEL_RUNS ?? 0) },
        },
      },
      {
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.test.ts"],
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          // After the others: each file runs wrangler dev and Chromium, and the machine has two cores.
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
