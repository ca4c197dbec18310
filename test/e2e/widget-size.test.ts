/**
 * The widget's weight budget, measured on the built files in dist/public (run after
 * `npm run build`, as `npm test` and `npm run test:e2e` do), gzipped as a server would:
 *
 * - before the click: widget.js, the loader and launcher, at most 4 KB;
 * - after opening: widget.js + the chat view (Lit included) + every chunk it imports
 *   statically + the largest string table (a visitor loads one language), at most 20 KB.
 *   Chunks the view imports dynamically (`import()`: the string tables, the offline form)
 *   load only when used and are not counted, but are listed.
 *
 * It fails when a budget is exceeded, and prints the figures.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../../scripts/lib/wrangler-dev";

const KB = 1024;
const BEFORE_CLICK_BUDGET = 4 * KB;
const AFTER_OPEN_BUDGET = 20 * KB;

const dir = join(repoRoot, "dist/public");
const gzipped = (path: string): number => gzipSync(readFileSync(path)).length;

describe("the widget's weight", () => {
  const loader = gzipped(join(dir, "widget.js"));
  const chunks = readdirSync(join(dir, "widget")).filter((name) => name.endsWith(".js"));
  const tables = chunks.filter((name) => name.startsWith("strings-"));
  // The view and what it imports statically (`from"./x.js"`), not what it may `import()` later.
  const code: string[] = [];
  const follow = (name: string) => {
    if (code.includes(name)) return;
    code.push(name);
    const text = readFileSync(join(dir, "widget", name), "utf8");
    for (const [, imported] of text.matchAll(/from\s*"\.\/([^"]+\.js)"/g)) follow(imported!);
  };
  const view = chunks.find((name) => name.startsWith("chat-view-"));
  if (view) follow(view);
  const lazy = chunks.filter((name) => !name.startsWith("strings-") && !code.includes(name));
  const largestTable = Math.max(...tables.map((name) => gzipped(join(dir, "widget", name))));
  const afterOpen =
    loader + code.reduce((sum, name) => sum + gzipped(join(dir, "widget", name)), 0) + largestTable;

  it("loads at most 4 KB gzip before the visitor clicks", () => {
    console.log(`widget.js: ${loader} B gzip (budget ${BEFORE_CLICK_BUDGET})`);
    expect(loader).toBeLessThanOrEqual(BEFORE_CLICK_BUDGET);
  });

  it("loads at most 20 KB gzip in all once the chat is open, Lit included", () => {
    console.log(
      `after opening: ${afterOpen} B gzip (budget ${AFTER_OPEN_BUDGET}): ${code.join(", ")} + largest of ${tables.length} string tables; loaded when used: ${lazy.join(", ") || "none"}`,
    );
    expect(code.some((name) => name.startsWith("chat-view-"))).toBe(true);
    expect(tables.length).toBeGreaterThanOrEqual(4);
    expect(afterOpen).toBeLessThanOrEqual(AFTER_OPEN_BUDGET);
  });
});
