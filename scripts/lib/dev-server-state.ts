/**
 * Where the server `npm start` runs, written to `.wrangler/edgechat-dev-server.json` when it
 * is up and removed when it stops, so `npm run config` reaches it on whatever port it chose
 * (8787, or a free one when 8787 is busy) without a `--url`.
 */
import { existsSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { repoRoot } from "./wrangler-dev";

const statePath = join(repoRoot, ".wrangler/edgechat-dev-server.json");
const stateSchema = z.object({ origin: z.string().url(), pid: z.number().int() });

export function writeDevServerState(origin: string): void {
  mkdirSync(join(repoRoot, ".wrangler"), { recursive: true });
  writeFileSync(statePath, JSON.stringify({ origin, pid: process.pid }) + "\n");
}

export function removeDevServerState(): void {
  rmSync(statePath, { force: true });
}

/** The origin of the running `npm start`, or undefined when none is recorded or it has exited. */
export function readDevServerOrigin(): string | undefined {
  if (!existsSync(statePath)) return undefined;
  const parsed = stateSchema.safeParse(JSON.parse(readFileSync(statePath, "utf8")));
  if (!parsed.success) return undefined;
  try {
    process.kill(parsed.data.pid, 0); // signal 0: only asks whether it still runs
  } catch {
    return undefined;
  }
  return parsed.data.origin;
}
