/**
 * The soak of the team model test in workerd (issue 13): `npm run test:soak` runs
 * `test/worker/team-model.test.ts` for 200 sequences (or `-- 400`), in chunks of 20, each
 * chunk in a fresh vitest process. Not one run of 200: vitest-pool-workers 0.23 wraps the
 * Worker's and each object's prototype in one more Proxy per construction, so after a few
 * thousand requests in one process a property read overflows the stack (RangeError in its
 * test-internal.mjs; cloudflare/workers-sdk#15092, fixed upstream after our pinned version).
 * Stops at the first failing chunk and exits with its code.
 */
import { spawnSync } from "node:child_process";

const CHUNK = 20;
const total = Number(process.argv[2] ?? 200);
if (!Number.isInteger(total) || total < 1)
  throw new Error(`usage: npm run test:soak -- [sequences], not "${process.argv[2]}"`);

const started = performance.now();
for (let done = 0; done < total; done += CHUNK) {
  const runs = Math.min(CHUNK, total - done);
  console.log(`soak: sequences ${done + 1}-${done + runs} of ${total}`);
  const result = spawnSync(
    "npx",
    ["vitest", "run", "--project", "worker", "test/worker/team-model.test.ts"],
    {
      stdio: "inherit",
      env: { ...process.env, EDGECHAT_MODEL_RUNS: String(runs) },
    },
  );
  if (result.status !== 0) {
    console.log(`soak: FAILED in sequences ${done + 1}-${done + runs}`);
    process.exit(result.status ?? 1);
  }
}
console.log(`soak: ${total} sequences passed in ${((performance.now() - started) / 1000).toFixed(0)} s`);
