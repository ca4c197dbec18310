/**
 * widget.js: what a site owner's `<script src="…/widget.js" data-site="…" async>` runs. A
 * classic script (an IIFE, no Lit): it defines `<chat-widget>` and `window.EdgeChat`, creates
 * the widget from the script tag's `data-*` attributes (unless the page placed a
 * `<chat-widget>` itself), and leaves the chat view to a chunk imported on first open.
 * Chunk and API URLs are resolved against this script's own URL, not the host page, so
 * the widget works when embedded on any origin.
 */
import { defineChatWidget } from "./chat-widget";
import { installApi } from "./host-api";
import { configAttributes } from "./widget-config";

/** The view chunk's hashed file name, relative to widget.js; filled in by rollup.config.mjs. */
declare const __CHAT_VIEW_CHUNK__: string;

// currentScript is only set while this script first runs, so read it now.
const current = document.currentScript;
const script =
  current instanceof HTMLScriptElement
    ? current
    : document.querySelector<HTMLScriptElement>("script[src*='widget.js']");
const base = script?.src || location.href;

installApi();
defineChatWidget(new URL(__CHAT_VIEW_CHUNK__, base).href, new URL(base).origin);

const site = script?.dataset.site;
if (script && site && !document.querySelector(`chat-widget[site="${CSS.escape(site)}"]`)) {
  const mount = (): void => {
    const widget = document.createElement("chat-widget");
    for (const name of configAttributes) {
      const value = script.getAttribute(`data-${name}`);
      if (value !== null) widget.setAttribute(name, value);
    }
    document.body.append(widget);
  };
  if (document.body) mount();
  else document.addEventListener("DOMContentLoaded", mount, { once: true });
}
