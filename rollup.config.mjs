/**
 * Builds the browser side into dist/public/, which the Worker serves as static assets:
 *
 *   widget/chat-view-[hash].js  the chat view (Lit), imported by the loader on first open
 *   widget/strings-xx-[hash].js one per language but English (bundled in the view), imported
 *                               by the view for visitors who read it
 *   widget.js                   the loader: a classic script (IIFE), no Lit, `window.EdgeChat`
 *   panel/index.html + panel/agent-panel-[hash].js   the agent panel
 *   demo/index.html, demo.css, demo.js  a host page with the script tag and the JS API
 *   _headers                    CORS for the widget's files, a strict CSP for the panel
 *
 * The configs run in order: the loader needs the view chunk's hashed name, so the view is
 * built first and its name handed over through `viewChunk`.
 */
import { readFile, rm } from "node:fs/promises";
import nodeResolve from "@rollup/plugin-node-resolve";
import terser from "@rollup/plugin-terser";
import typescript from "@rollup/plugin-typescript";

/** Where the build goes; `EDGECHAT_OUT=/tmp/x npx rollup -c` builds elsewhere (size checks beside a running server). */
const OUT = process.env.EDGECHAT_OUT ?? "dist/public";

/**
 * Headers of the static files (Workers static assets read `_headers`). The chunks are
 * imported as modules from other origins, so they need CORS; hashed names never change
 * content, so they are cached for good. The panel runs under a strict CSP: no inline
 * script or style (Lit adopts constructable stylesheets), sockets and API on this origin.
 */
const HEADERS = `/widget.js
  Access-Control-Allow-Origin: *
/widget/*
  Access-Control-Allow-Origin: *
  Cache-Control: public, max-age=31536000, immutable
/panel/*
  Content-Security-Policy: default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'
  Referrer-Policy: no-referrer
  X-Content-Type-Options: nosniff
`;

/** Each bundle compiles (and type-checks) only the folders it ships. */
const ts = (include = ["client/**/*.ts", "widget/**/*.ts", "panel/**/*.ts", "protocol/**/*.ts"]) =>
  typescript({
    tsconfig: "tsconfig.browser.json",
    // The tsconfig only type-checks (noEmit); here it emits, and a type error fails the build.
    compilerOptions: { noEmit: false, noEmitOnError: true, declaration: false, sourceMap: false },
    include,
  });

/** Resolve, compile, then `after` (sees JavaScript), then minify. */
const plugins = (...after) => [
  nodeResolve({ browser: true }),
  ts(),
  ...after,
  terser({ format: { comments: false }, compress: { passes: 2 } }),
];

/**
 * Collapses the whitespace and comments of the CSS in `*-styles.ts` modules (template
 * literals), which terser leaves alone. Spaces that carry meaning (descendant selectors,
 * `calc(a - b)`, value lists) stay: only runs are shortened, and only those next to
 * `{ } ; , /` or after `:` are removed; a number's leading zero goes (`0.25` is `.25`).
 */
function minifyCss() {
  const squeeze = (text) =>
    text
      .replace(/\/\*[^]*?\*\//g, "")
      .replace(/\s+/g, " ")
      .replace(/\s*([{};,/])\s*/g, "$1")
      .replace(/:\s+/g, ":")
      .replace(/;}/g, "}")
      .replace(/([\s:,(/])0\.(\d)/g, "$1.$2")
      .trim();
  return {
    name: "minify-css",
    transform(code, id) {
      if (!id.endsWith("-styles.ts")) return null;
      return { code: code.replace(/`([^`]*)`/g, (_all, body) => `\`${squeeze(body)}\``), map: null };
    },
  };
}

/**
 * Collapses the indentation of the Lit templates in the widget's view (`html\`…\`` in the
 * files of VIEW_TEMPLATES), which terser keeps: line breaks and their indentation become one
 * space, and whitespace between tags (only ever layout in these templates) goes. Every text
 * part of every `html` template is squeezed, found in the parsed code (a template nested in
 * another's `${…}` included), never in strings or code that merely look alike.
 */
const VIEW_TEMPLATES = [
  "widget/chat-widget-view.ts",
  "widget/message-row.ts",
  "widget/offline-form.ts",
  "widget/closed-chat.ts",
];
function minifyTemplates() {
  const squeeze = (body) =>
    body
      .replace(/\s*\n\s*/g, " ")
      .replace(/>\s+</g, "><")
      .replace(/\s+>/g, ">");
  /** The text parts (start, end) of every html`…` in an ESTree node, in any order. */
  const quasisOf = (node, found = []) => {
    if (!node || typeof node.type !== "string") return found;
    if (
      node.type === "TaggedTemplateExpression" &&
      node.tag.type === "Identifier" &&
      node.tag.name === "html"
    )
      for (const quasi of node.quasi.quasis) found.push([quasi.start, quasi.end]);
    for (const value of Object.values(node)) {
      if (Array.isArray(value)) for (const item of value) quasisOf(item, found);
      else if (value && typeof value === "object" && typeof value.type === "string") quasisOf(value, found);
    }
    return found;
  };
  return {
    name: "minify-templates",
    transform(code, id) {
      if (!VIEW_TEMPLATES.some((file) => id.endsWith(file))) return null;
      let out = code;
      for (const [start, end] of quasisOf(this.parse(code)).sort((a, b) => b[0] - a[0]))
        out = out.slice(0, start) + squeeze(out.slice(start, end)) + out.slice(end);
      return { code: out, map: null };
    },
  };
}

/**
 * The widget's bundles: compiled without the panel, minified for modern browsers (the widget
 * needs custom elements, shadow DOM and constructable stylesheets anyway), so every byte of
 * the 4 KB / 20 KB gzip budgets (test/e2e/widget-size.test.ts) goes to features.
 */
const widgetPlugins = (...after) => [
  nodeResolve({ browser: true }),
  ts(["client/**/*.ts", "widget/**/*.ts", "protocol/**/*.ts"]),
  minifyCss(),
  minifyTemplates(),
  ...after,
  // module/toplevel: the loader is an IIFE and the view an ES module, so their top-level
  // names are private to the file and can be mangled (9 B gzip off widget.js).
  terser({
    ecma: 2020,
    module: true,
    toplevel: true,
    format: { comments: false },
    compress: { passes: 3, unsafe_arrows: true },
  }),
];

/** Empties the outputs of earlier builds, so stale hashed chunks do not pile up. */
function clean(paths) {
  return {
    name: "clean",
    async buildStart() {
      await Promise.all(paths.map((path) => rm(`${OUT}/${path}`, { recursive: true, force: true })));
    },
  };
}

/** Copies a file into the output, optionally rewriting its text. */
function copy(from, fileName, rewrite = (text) => text) {
  return {
    name: `copy:${fileName}`,
    async generateBundle(_options, bundle) {
      this.addWatchFile(from);
      this.emitFile({ type: "asset", fileName, source: rewrite(await readFile(from, "utf8"), bundle) });
    },
  };
}

/** The view chunk's file name (relative to widget.js), set when the view build is written. */
let viewChunk;

/** @type {import("rollup").RollupOptions[]} */
export default [
  {
    input: { "chat-view": "widget/chat-widget-view.ts" },
    output: {
      dir: `${OUT}/widget`,
      format: "es",
      // The loader names the view and the view every chunk it may import (13 string tables, the
      // offline form, the closed chat, the unread preview, the attachments, the chime): shorter hashes keep both in budget, and a name is unique
      // anyway with the chunk's name in front.
      entryFileNames: "[name]-[hash:6].js",
      chunkFileNames: "[name]-[hash:6].js",
    },
    plugins: [
      clean(["widget", "widget.js", "panel", "demo", "_headers"]),
      ...widgetPlugins(),
      {
        name: "remember-view-chunk",
        generateBundle(_options, bundle) {
          const entry = Object.values(bundle).find((file) => file.type === "chunk" && file.isEntry);
          viewChunk = `widget/${entry.fileName}`;
        },
      },
    ],
  },
  {
    input: "widget/loader.ts",
    output: { dir: OUT, format: "iife", entryFileNames: "widget.js" },
    plugins: [
      ...widgetPlugins({
        name: "view-chunk-name",
        transform(code, id) {
          if (!id.endsWith("loader.ts")) return null;
          if (!viewChunk) this.error("the chat view must be built before the loader");
          return { code: code.replaceAll("__CHAT_VIEW_CHUNK__", JSON.stringify(viewChunk)), map: null };
        },
      }),
      copy("demo/index.html", "demo/index.html"),
      copy("demo/demo.css", "demo/demo.css"),
      copy("demo/demo.js", "demo/demo.js"),
      {
        name: "headers",
        generateBundle() {
          this.emitFile({ type: "asset", fileName: "_headers", source: HEADERS });
        },
      },
    ],
  },
  {
    input: { "agent-panel": "panel/agent-panel.ts" },
    output: {
      dir: `${OUT}/panel`,
      format: "es",
      entryFileNames: "[name]-[hash].js",
      chunkFileNames: "[name]-[hash].js",
    },
    plugins: [
      // The panel's styles (panel-styles.ts, form-styles.ts) are long; squeeze them like the widget's.
      ...plugins(minifyCss()),
      copy("panel/index.html", "index.html", (html, bundle) => {
        const entry = Object.values(bundle).find((file) => file.type === "chunk" && file.isEntry);
        return html.replace("./agent-panel.ts", `./${entry.fileName}`);
      }),
    ],
  },
];
