/**
 * The README's site-owner commands on a clean copy of the repository (tracked files only,
 * no dist/, node_modules linked in): the deploy dry-run builds the assets itself, and the
 * config commands against a running server: export -> diff shows no change, a file with a
 * short identity secret is refused and changes nothing, `login` prints a panel link, and
 * `erase-conversation` / `erase-visitor` delete a conversation for a privacy request.
 */
import { execFileSync, spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../../scripts/lib/wrangler-dev";
import { startProduct, type Product } from "./harness";
import { visitorSaying, type RawVisitor } from "./panel-helpers";

let copy: string;
let product: Product;

function cleanCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), "chat-clone-"));
  const files = execFileSync("git", ["ls-files", "-z"], { cwd: repoRoot, encoding: "utf8" }).split("\0");
  for (const file of files.filter((name) => name && existsSync(join(repoRoot, name)))) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    cpSync(join(repoRoot, file), join(dir, file));
  }
  symlinkSync(join(repoRoot, "node_modules"), join(dir, "node_modules"));
  return dir;
}

/** `npm run config -- ARGS` in the copy, against the test's server. */
function config(...args: string[]) {
  const run = spawnSync("npx", ["tsx", "scripts/config.ts", ...args, "--url", product.server.origin], {
    cwd: copy,
    encoding: "utf8",
    env: { ...process.env, ADMIN_TOKEN: product.adminToken },
  });
  return { status: run.status, out: run.stdout, err: run.stderr };
}

beforeAll(async () => {
  copy = cleanCopy();
  product = await startProduct();
});

afterAll(async () => {
  await product?.stop();
  if (copy) rmSync(copy, { recursive: true, force: true });
});

describe("a site owner following the README on a fresh clone", () => {
  it("npx wrangler deploy --dry-run builds the assets and bundles, with no dist/ to start from", () => {
    expect(existsSync(join(copy, "dist"))).toBe(false);
    const run = spawnSync("npx", ["wrangler", "deploy", "--dry-run", "--outdir", join(copy, ".bundle")], {
      cwd: copy,
      encoding: "utf8",
      env: { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "1", EDGECHAT_ASSETS_BUILT: "" },
      timeout: 180_000,
    });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/Total Upload: [\d.]+ KiB \/ gzip: [\d.]+ KiB/);
    expect(existsSync(join(copy, "dist/public/widget.js"))).toBe(true);
  }, 200_000);

  it("export writes the live site as a file that diff and apply find already in place", () => {
    const file = join(copy, "live.json");
    const exported = config("export", "--out", file);
    expect(exported.status, exported.err).toBe(0);
    expect(JSON.parse(readFileSync(file, "utf8"))).toMatchObject({ site: "demo", defaultTeam: "support" });
    const diff = config("diff", file);
    expect(diff.status, diff.err).toBe(0);
    expect(diff.out).toContain("no changes");
    const apply = config("apply", file);
    expect(apply.out).toContain("nothing changed");
  }, 60_000);

  it("refuses a file with a short identity secret, naming the field, and changes nothing", () => {
    const before = config("export").out;
    const demo = JSON.parse(readFileSync(join(copy, "config/demo-site.json"), "utf8")) as Record<
      string,
      unknown
    >;
    const bad = join(copy, "bad.json");
    writeFileSync(bad, JSON.stringify({ ...demo, name: "Renamed", identitySecret: "short" }));
    const apply = config("apply", bad);
    expect(apply.status).toBe(1);
    expect(apply.err).toContain("identitySecret");
    expect(config("export").out).toBe(before);
  }, 60_000);

  it("login prints a panel login link for an agent", () => {
    const login = config("login", "ana");
    expect(login.status, login.err).toBe(0);
    expect(login.out.trim()).toMatch(new RegExp(`^${product.server.origin}/panel/`));
  }, 30_000);

  it("erase-conversation and erase-visitor delete a conversation's data for a privacy request", async () => {
    const opened: RawVisitor[] = [];
    const { conversationId } = await visitorSaying(product.server.origin, opened, "please forget me");
    // Both before the first spawnSync: it blocks the event loop, and fetch's idle keep-alive
    // connection, closed by the server meanwhile, would be reused ("other side closed").
    const { visitor } = await visitorSaying(product.server.origin, opened, "and me too");
    const erased = config("erase-conversation", conversationId);
    expect(erased.status, erased.err).toBe(0);
    expect(erased.out).toMatch(/^erased 1 conversation\(s\), \d+ message\(s\) and 0 file\(s\) in support/);
    const again = config("erase-conversation", conversationId);
    expect(again.status).toBe(1);
    expect(again.err).toContain("404");
    const byVisitor = config("erase-visitor", visitor.session.visitorId);
    expect(byVisitor.status, byVisitor.err).toBe(0);
    expect(byVisitor.out).toMatch(/^erased 1 conversation\(s\)/);
    const nobody = config("erase-visitor", "42", "demo", "--user");
    expect(nobody.status).toBe(1);
    expect(nobody.err).toContain("404");
    for (const visitor of opened) visitor.close();
  }, 60_000);
});
