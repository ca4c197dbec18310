/**
 * Size benchmark (`npm run bench:size`): the bytes a host page downloads for the chat, gzip
 * and brotli (node:zlib, gzip level 9 and brotli quality 11, as a CDN serves precompressed
 * static files), at three moments:
 *   - before the first click: the loader `widget.js` (no Lit; it draws the launcher);
 *   - after opening the chat: the loader + the chat view chunk it imports + the strings of
 *     the visitor's language (English here; the other languages are listed);
 *   - the agent panel: `panel/index.html` + the scripts it loads (and their static imports).
 * It builds the browser code first (`rollup -c`, the same build as `npm run build`) into a
 * temp dir, so it measures the sources as they are without touching `dist/` (`--dir DIR`
 * measures an existing build instead). The last line:
 * `size: loader_gz=N widget_total_gz=N panel_gz=N`.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { parseFlags } from "./lib/flags";
import { repoRoot } from "../scripts/lib/wrangler-dev";

const options = parseFlags("npm run bench:size -- [--dir dist/public] [--lang en]", { dir: "", lang: "en" });

interface Sized {
  file: string;
  raw: number;
  gzip: number;
  brotli: number;
}

function size(root: string, file: string): Sized {
  const bytes = readFileSync(join(root, file));
  return {
    file,
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
    }).length,
  };
}

/** Relative module paths a JS file imports: static (loaded with it) and dynamic (on demand). */
function importsOf(root: string, file: string): { static: string[]; dynamic: string[] } {
  const text = readFileSync(join(root, file), "utf8");
  const resolveFrom = (specifier: string) => relative(root, resolve(root, dirname(file), specifier));
  const statics = [...text.matchAll(/(?:\bfrom\s*|\bimport\s*)["'](\.{1,2}\/[^"']+\.js)["']/g)].map((m) =>
    resolveFrom(m[1]!),
  );
  const dynamics = [...text.matchAll(/\bimport\(\s*["'](\.{1,2}\/[^"']+\.js)["']\s*\)/g)].map((m) =>
    resolveFrom(m[1]!),
  );
  return { static: [...new Set(statics)], dynamic: [...new Set(dynamics)] };
}

/** The file and everything it imports statically, transitively. */
function closure(root: string, entries: string[]): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file) || !existsSync(join(root, file))) return;
    seen.add(file);
    if (file.endsWith(".js")) for (const next of importsOf(root, file).static) visit(next);
  };
  entries.forEach(visit);
  return [...seen];
}

function total(files: Sized[]): Sized {
  return files.reduce(
    (sum, f) => ({
      file: "total",
      raw: sum.raw + f.raw,
      gzip: sum.gzip + f.gzip,
      brotli: sum.brotli + f.brotli,
    }),
    { file: "total", raw: 0, gzip: 0, brotli: 0 },
  );
}

function line(label: string, s: Sized): string {
  return `  ${label.padEnd(44)} ${String(s.raw).padStart(8)} B raw ${String(s.gzip).padStart(7)} B gzip ${String(s.brotli).padStart(7)} B brotli`;
}

let root = options.dir ? resolve(options.dir) : "";
let built = "";
try {
  if (!root) {
    built = mkdtempSync(join(tmpdir(), "chat-size-"));
    execFileSync("npx", ["rollup", "-c", "--silent"], {
      cwd: repoRoot,
      env: { ...process.env, EDGECHAT_OUT: built },
      stdio: ["ignore", "ignore", "inherit"],
    });
    root = built;
    console.log(`built: rollup -c (as npm run build) into ${built}`);
  } else {
    console.log(`measuring the build in ${root}`);
  }

  // Before the first click: the loader alone.
  const loader = size(root, "widget.js");
  console.log("before the first click (the script tag):");
  console.log(line("widget.js (loader)", loader));

  // After opening: the chunks the loader imports (by URL) and their static imports,
  // plus the dynamically imported strings of the visitor's language.
  const loaderText = readFileSync(join(root, "widget.js"), "utf8");
  const viewEntries = [
    ...new Set([...loaderText.matchAll(/["'](widget\/[\w.-]+\.js)["']/g)].map((m) => m[1]!)),
  ];
  const viewFiles = closure(root, viewEntries);
  const lazy = [...new Set(viewFiles.flatMap((file) => importsOf(root, file).dynamic))].filter(
    (file) => !viewFiles.includes(file),
  );
  const strings = (lang: string) => lazy.filter((file) => new RegExp(`strings-${lang}-`).test(file));
  const langFiles = closure(root, strings(options.lang));
  const opened = [...viewFiles, ...langFiles].map((file) => size(root, file));
  console.log(`after opening the chat (a visitor reading "${options.lang}"):`);
  for (const s of opened) console.log(line(`+ ${s.file}`, s));
  const widgetTotal = total([loader, ...opened]);
  console.log(line("= loader + chat view", widgetTotal));
  const otherLangs = lazy.filter((file) => /strings-/.test(file) && !langFiles.includes(file));
  if (otherLangs.length > 0)
    console.log(
      `  other languages instead of "${options.lang}": ${otherLangs.map((f) => `${f.replace(/^.*strings-(\w+)-.*$/, "$1")} ${size(root, f).gzip} B gz`).join(", ")}`,
    );
  const otherLazy = lazy.filter((file) => !/strings-/.test(file));
  if (otherLazy.length > 0)
    console.log(
      `  loaded later on demand: ${otherLazy.map((f) => `${f} ${size(root, f).gzip} B gz`).join(", ")}`,
    );

  // The panel: its page and the scripts it loads.
  const html = readFileSync(join(root, "panel/index.html"), "utf8");
  const scripts = [...html.matchAll(/<script[^>]*\bsrc="([^"]+)"/g)].map((m) =>
    relative(root, resolve(root, "panel", m[1]!)),
  );
  const styles = [...html.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g)].map((m) =>
    relative(root, resolve(root, "panel", m[1]!)),
  );
  const panelFiles = ["panel/index.html", ...closure(root, [...scripts, ...styles])].map((file) =>
    size(root, file),
  );
  console.log("the agent panel:");
  for (const s of panelFiles) console.log(line(s.file, s));
  const panel = total(panelFiles);
  console.log(line("= panel", panel));

  console.log(`size: loader_gz=${loader.gzip} widget_total_gz=${widgetTotal.gzip} panel_gz=${panel.gzip}`);
} finally {
  if (built) rmSync(built, { recursive: true, force: true });
}
