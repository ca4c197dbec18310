/**
 * `<chat-widget>`: what a host page holds of the widget before the visitor clicks. A plain
 * custom element (no Lit, so the loader stays under its size budget) with an open shadow
 * root, the launcher button and an unread badge; on the first open (or a hover/focus as a
 * prefetch) it imports the chat view chunk and mounts `<chat-widget-view>` beside the button.
 *
 * @example
 * <chat-widget site="demo" api-origin="https://chat.example.com"></chat-widget>
 */
import { iconPaths } from "./icons";
import { launcherCss } from "./launcher-styles";
import { readConfig, ViewEvent, visitorTokenKey, type ChatViewElement } from "./widget-config";

const SVG_NS = "http://www.w3.org/2000/svg";

function icon(path: string, className: string): SVGSVGElement {
  const svg = document.createElementNS(SVG_NS, "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("class", className);
  const shape = document.createElementNS(SVG_NS, "path");
  shape.setAttribute("d", path);
  svg.append(shape);
  return svg;
}

/** Colours as CSS knows them, and nothing that could close the rule it is put in. */
const SAFE_COLOR = /^[#\w(),.%\s/-]{1,64}$/;

/**
 * Defines `<chat-widget>` with the URL of the view chunk and the API origin to fall back on
 * (both come from the loader's own script URL, so the widget works on any host origin).
 */
export function defineChatWidget(viewChunkUrl: string, defaultApiOrigin: string): void {
  if (customElements.get("chat-widget")) return;

  let sheet: CSSStyleSheet | undefined;

  class ChatWidgetElement extends HTMLElement {
    static readonly observedAttributes = ["color"];

    private readonly root = this.attachShadow({ mode: "open" });
    private readonly launcher = document.createElement("button");
    private readonly badge = document.createElement("span");
    private readonly theme = new CSSStyleSheet();
    private view: ChatViewElement | null = null;
    private loading: Promise<ChatViewElement | null> | null = null;

    constructor() {
      super();
      sheet ??= new CSSStyleSheet();
      if (sheet.cssRules.length === 0) sheet.replaceSync(launcherCss);
      this.root.adoptedStyleSheets = [sheet, this.theme];
      this.launcher.className = "launcher";
      this.launcher.type = "button";
      this.launcher.part.add("launcher");
      this.launcher.dataset.testid = "chat-launcher";
      this.launcher.setAttribute("aria-label", "Open chat");
      this.launcher.setAttribute("aria-expanded", "false");
      this.badge.className = "badge";
      this.badge.dataset.testid = "chat-unread";
      this.badge.hidden = true;
      this.launcher.append(icon(iconPaths.chat, "when-closed"), icon(iconPaths.close, "when-open"), this.badge);
      this.root.append(this.launcher);
      this.launcher.addEventListener("click", () => this.toggle());
      // Intent to click: fetch the chat view now, so the click opens it at once.
      for (const type of ["pointerenter", "focus", "touchstart"]) {
        this.launcher.addEventListener(type, () => void this.load(), { once: true, passive: true });
      }
    }

    connectedCallback(): void {
      // A returning visitor (a token is stored) will likely open the chat: prefetch at idle.
      let returning = false;
      try {
        returning = localStorage.getItem(visitorTokenKey(this.getAttribute("site") ?? "")) !== null;
      } catch {
        returning = false;
      }
      if (returning) (globalThis.requestIdleCallback ?? setTimeout)(() => void this.load());
    }

    attributeChangedCallback(_name: string, _old: string | null, value: string | null): void {
      this.theme.replaceSync(value && SAFE_COLOR.test(value) ? `:host{--chat-accent:${value}}` : "");
    }

    get isOpen(): boolean {
      return this.hasAttribute("open");
    }

    async open(): Promise<void> {
      if (this.isOpen) return;
      this.toggleAttribute("open", true);
      this.launcher.setAttribute("aria-expanded", "true");
      this.launcher.setAttribute("aria-label", "Close chat");
      this.launcher.setAttribute("aria-busy", "true");
      const view = await this.load();
      this.launcher.removeAttribute("aria-busy");
      if (!view || !this.isOpen) return this.close();
      view.hidden = false;
      view.open = true;
    }

    close(): void {
      const wasOpen = this.isOpen;
      this.removeAttribute("open");
      this.launcher.setAttribute("aria-expanded", "false");
      this.launcher.setAttribute("aria-label", "Open chat");
      if (this.view) {
        this.view.open = false;
        this.view.hidden = true;
      }
      if (wasOpen) this.launcher.focus();
    }

    toggle(): void {
      if (this.isOpen) this.close();
      else void this.open();
    }

    /** Imports the view chunk once (again after a failure) and mounts the view, hidden. */
    private load(): Promise<ChatViewElement | null> {
      this.loading ??= import(viewChunkUrl)
        .then(() => customElements.whenDefined("chat-widget-view"))
        .then(() => this.mountView())
        .catch((error: unknown) => {
          console.warn("chat-widget: could not load the chat", error);
          this.loading = null;
          return null;
        });
      return this.loading;
    }

    private mountView(): ChatViewElement | null {
      if (this.view) return this.view;
      const config = readConfig(this, defaultApiOrigin);
      if (!config) {
        console.warn('chat-widget: the "site" attribute is missing');
        return null;
      }
      const view = document.createElement("chat-widget-view") as ChatViewElement;
      view.config = config;
      view.hidden = true;
      view.id = "chat";
      view.setAttribute("role", "dialog");
      view.setAttribute("aria-label", config.title ?? "Chat");
      view.addEventListener(ViewEvent.close, () => this.close());
      view.addEventListener(ViewEvent.unread, (event) => this.showUnread((event as CustomEvent<number>).detail));
      this.launcher.setAttribute("aria-controls", "chat");
      this.root.insertBefore(view, this.launcher);
      this.view = view;
      return view;
    }

    private showUnread(count: number): void {
      this.badge.hidden = count === 0;
      this.badge.textContent = count > 9 ? "9+" : String(count);
    }
  }

  customElements.define("chat-widget", ChatWidgetElement);
}
