/**
 * Builds the browser side into dist/public/, which the Worker serves as static assets:
 *
 *   widget/chat-view-[hash].js  the chat view (Lit), imported by the loader on first open
 *   widget.js                   the loader: a classic script (IIFE), no Lit
 *   panel/index.html + panel/agent-panel-[hash].js   the agent panel
 *   demo/index.html + demo.css  a host page with the script tag
 *   _headers                    CORS for the widget's files, a strict CSP for the panel
 *
 * The configs run in order: the loader needs the view chunk's hashed name, so the view is
 * built first and its name handed over through `viewChunk`.
 */
import { readFile, rm } from "node:fs/promises";
import nodeResolve from "@rollup/plugin-node-resolve";
import terser from "@rollup/plugin-terser";
import typescript from "@rollup/plugin-typescript";

const OUT = "dist/public";

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

const ts = () =>
  typescript({
    tsconfig: "tsconfig.browser.json",
    // The tsconfig only type-checks (noEmit); here it emits, and a type error fails the build.
    compilerOptions: { noEmit: false, noEmitOnError: true, declaration: false, sourceMap: false },
    include: ["widget/**/*.ts", "panel/**/*.ts", "protocol/**/*.ts"],
  });

/** Resolve, compile, then `after` (sees JavaScript), then minify. */
const plugins = (...after) => [nodeResolve({ browser: true }), ts(), ...after, terser({ format: { comments: false }, compress: { passes: 2 } })];

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
    input: { "chat-view": "widget/chat-view.ts" },
    output: { dir: `${OUT}/widget`, format: "es", entryFileNames: "[name]-[hash].js", chunkFileNames: "[name]-[hash].js" },
    plugins: [
      clean(["widget", "widget.js", "panel", "demo", "_headers"]),
      ...plugins(),
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
      ...plugins({
        name: "view-chunk-name",
        transform(code, id) {
          if (!id.endsWith("loader.ts")) return null;
          if (!viewChunk) this.error("the chat view must be built before the loader");
          return { code: code.replaceAll("__CHAT_VIEW_CHUNK__", JSON.stringify(viewChunk)), map: null };
        },
      }),
      copy("demo/index.html", "demo/index.html"),
      copy("demo/demo.css", "demo/demo.css"),
      { name: "headers", generateBundle() { this.emitFile({ type: "asset", fileName: "_headers", source: HEADERS }); } },
    ],
  },
  {
    input: { "agent-panel": "panel/agent-panel.ts" },
    output: { dir: `${OUT}/panel`, format: "es", entryFileNames: "[name]-[hash].js", chunkFileNames: "[name]-[hash].js" },
    plugins: [
      ...plugins(),
      copy("panel/index.html", "index.html", (html, bundle) => {
        const entry = Object.values(bundle).find((file) => file.type === "chunk" && file.isEntry);
        return html.replace("./agent-panel.ts", `./${entry.fileName}`);
      }),
    ],
  },
];
