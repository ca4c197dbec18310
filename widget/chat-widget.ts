/**
 * `<chat-widget>`: what a host page holds of the widget before the visitor clicks. A plain
 * custom element (no Lit, so the loader stays under its size budget) with an open shadow
 * root, the launcher button and an unread badge; on the first open it imports the chat view
 * chunk (a hover or focus only prefetches the code) and mounts `<chat-widget-view>` beside it.
 * It is the target of `window.EdgeChat`. The loader defines the tag (`defineChatWidget`) once
 * it knows its own URL, which the chunk and API URLs are resolved against.
 *
 * Storage: nothing is written before the visitor opens the chat; then the view stores the
 * visitor token (localStorage), and that is all. (Reopening the chat after a reload, which
 * sessionStorage could remember, is left out on purpose: a reload shows the page as it was
 * first served, with the launcher; the conversation is back on the next click.)
 *
 * @csspart launcher - the round button
 * @csspart badge - the unread count on it
 * @csspart preview - the latest unread agent message beside it (drawn by `unread-preview.ts`)
 * @csspart window - the open chat (its inner parts are exported too: header, transcript, …)
 * @cssprop --chat-accent - main colour; `color="#0a7"` sets it, with a readable text colour
 * @example
 * <chat-widget site="demo" api-origin="https://chat.example.com" position="left"></chat-widget>
 */
import type { VisitorUser } from "../protocol/wire";
import { accentCss } from "./accent-color";
import { attachTarget, emit, type ChatTarget } from "./host-api";
import { chatIcon, closeIcon } from "../client/icons";
import { launcherCss } from "./launcher-styles";
import { launcherLabel, uiLanguage } from "./locale";
import {
  ChatEvent,
  ViewEvent,
  visitorTokenKey,
  type ChatViewElement,
  type ConfigExtras,
} from "./widget-config";

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

/** Storage can be missing or throw (private modes, sandboxed frames): the chat still works. */
function tryStorage(use: () => unknown): unknown {
  try {
    return use();
  } catch {
    return null;
  }
}

/** Parts of the view the host page may style with `chat-widget::part(…)`. */
const VIEW_PARTS =
  "header,title,status,transcript,message,bubble,notice,typing,composer,input,send,choices,choice,offline-form,field";

/** Set by `defineChatWidget` from the loader's own script URL (so it works on any host origin). */
let viewChunkUrl!: string;
let defaultApiOrigin!: string;
/** The launcher's styles, shared by every `<chat-widget>` of the page. */
let sheet: CSSStyleSheet | undefined;

export class ChatWidget extends HTMLElement implements ChatTarget {
  static readonly observedAttributes = ["color", "locale"];

  readonly #root = this.attachShadow({ mode: "open" });
  readonly #launcher = document.createElement("button");
  readonly #badge = document.createElement("span");
  readonly #theme = new CSSStyleSheet();
  #view: ChatViewElement | null = null;
  #loading: Promise<ChatViewElement | null> | null = null;
  #user: VisitorUser | undefined;
  /** Set by `setLocale`; else the `locale` attribute, the page's or the browser's. */
  #locale: string | null = null;
  #unread = 0;

  constructor() {
    super();
    sheet ??= new CSSStyleSheet();
    if (sheet.cssRules.length === 0) sheet.replaceSync(launcherCss);
    this.#root.adoptedStyleSheets = [sheet, this.#theme];
    this.#launcher.className = "launcher";
    this.#launcher.type = "button";
    this.#launcher.part.add("launcher");
    this.#launcher.dataset.testid = "chat-launcher";
    this.#badge.className = "badge";
    this.#badge.part.add("badge");
    this.#badge.dataset.testid = "chat-unread";
    this.#badge.setAttribute("aria-hidden", "true");
    this.#badge.hidden = true;
    this.#launcher.append(icon(chatIcon, "when-closed"), icon(closeIcon, "when-open"), this.#badge);
    this.#root.append(this.#launcher);
    this.#launcher.addEventListener("click", () => this.toggle());
    // Intent to click: fetch the chat view's code now, so the click opens it at once. Code
    // only: mounting the view would start a session, store a token and open a socket.
    for (const type of ["pointerenter", "focus", "touchstart"]) {
      this.#launcher.addEventListener(type, () => void import(viewChunkUrl).catch(() => {}), {
        once: true,
        passive: true,
      });
    }
  }

  get #site(): string {
    return this.getAttribute("site") ?? "";
  }

  connectedCallback(): void {
    this.#labels();
    attachTarget(this);
    addEventListener("storage", this.#onStorage);
    // A returning visitor (a token is stored) will likely open the chat, and should see the
    // badge when an agent writes: load and connect at idle. (Reading is not storing.)
    if (tryStorage(() => localStorage.getItem(visitorTokenKey(this.#site))))
      (globalThis.requestIdleCallback ?? setTimeout)(() => void this.#load());
  }

  disconnectedCallback(): void {
    removeEventListener("storage", this.#onStorage);
  }

  attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    if (name === "locale") {
      if (old !== null && value) this.setLocale(value);
      return;
    }
    this.#theme.replaceSync(accentCss(value));
  }

  get isOpen(): boolean {
    return this.hasAttribute("open");
  }

  async open(): Promise<void> {
    if (this.isOpen) return;
    this.toggleAttribute("open", true);
    this.#labels();
    this.#launcher.setAttribute("aria-busy", "true");
    const view = await this.#load();
    await view?.ready;
    this.#launcher.removeAttribute("aria-busy");
    if (!view || !this.isOpen) return this.close();
    view.hidden = false;
    view.open = true;
    emit(ChatEvent.opened);
  }

  close(): void {
    const wasOpen = this.isOpen;
    // Focus in our shadow root shows as the host: only then is it ours to give back.
    const focused = document.activeElement === this;
    this.removeAttribute("open");
    this.#labels();
    if (this.#view) {
      this.#view.open = false;
      this.#view.hidden = true;
    }
    if (!wasOpen) return;
    if (focused) this.#launcher.focus();
    emit(ChatEvent.closed);
  }

  toggle(): void {
    if (this.isOpen) this.close();
    else void this.open();
  }

  setUser(user: VisitorUser | null): void {
    if (user === null) return this.reset();
    if (typeof user !== "object" || (user.id !== undefined && typeof user.id !== "string")) {
      console.warn("EdgeChat: setUser({id, name, email, attributes, hash})");
      return;
    }
    const changed = JSON.stringify(user) !== JSON.stringify(this.#user);
    this.#user = { ...user };
    if (changed) this.#reconfigure(true);
  }

  setLocale(locale: string): void {
    if (typeof locale !== "string" || locale === this.#locale) return;
    this.#locale = locale;
    this.#labels();
    this.#reconfigure(false);
  }

  /** Logout: forget the visitor, here and in the site's other tabs. */
  reset(): void {
    this.#view?.tellTabs({ t: "reset" });
    this.#forget();
  }

  #forget(): void {
    this.#user = undefined;
    this.close();
    tryStorage(() => localStorage.removeItem(visitorTokenKey(this.#site)));
    // Removing the view stops its socket; the next open starts a new visitor.
    this.#view?.remove();
    this.#view = null;
    this.#loading = null;
    this.#showUnread(0);
  }

  readonly #onStorage = (event: StorageEvent): void => {
    // Another tab started the chat: connect here too, so this tab follows it (badge, sound).
    if (event.key === visitorTokenKey(this.#site) && event.newValue) void this.#load();
  };

  #extras(): ConfigExtras {
    return { apiOrigin: defaultApiOrigin, locale: this.#locale, user: this.#user };
  }

  #reconfigure(clear: boolean): void {
    this.#view?.configure(this, this.#extras(), clear);
  }

  /** Imports the view chunk once (again after a failure) and mounts the view, hidden. */
  #load(): Promise<ChatViewElement | null> {
    this.#loading ??= import(viewChunkUrl)
      .then(() => customElements.whenDefined("chat-widget-view"))
      .then(() => this.#mountView())
      .catch((error: unknown) => {
        console.warn("chat-widget: could not load the chat", error);
        this.#loading = null;
        return null;
      });
    return this.#loading;
  }

  #mountView(): ChatViewElement | null {
    if (this.#view) return this.#view;
    if (!this.#site) {
      console.warn("chat-widget: no site attribute");
      return null;
    }
    const view = document.createElement("chat-widget-view") as ChatViewElement;
    view.configure(this, this.#extras());
    view.hidden = true;
    view.id = "chat";
    view.part.add("window");
    view.setAttribute("exportparts", VIEW_PARTS);
    const theme = this.getAttribute("theme");
    if (theme) view.setAttribute("theme", theme);
    view.addEventListener(ViewEvent.close, () => this.close());
    view.addEventListener(ViewEvent.unread, (event) =>
      this.#showUnread((event as CustomEvent<number>).detail),
    );
    view.addEventListener(ViewEvent.api, (event) => {
      const { name, data } = (event as CustomEvent<{ name: ChatEvent; data: unknown }>).detail;
      emit(name, data);
    });
    view.addEventListener(ViewEvent.reset, () => this.#forget());
    this.#launcher.setAttribute("aria-controls", "chat");
    this.#root.insertBefore(view, this.#launcher);
    this.#view = view;
    return view;
  }

  #showUnread(count: number): void {
    this.#badge.hidden = count === 0;
    this.#badge.textContent = count > 9 ? "9+" : String(count);
    if (count === this.#unread) return;
    this.#unread = count;
    this.#labels();
    emit(ChatEvent.unread, count);
  }

  /** The launcher's name and state, in the widget's language. */
  #labels(): void {
    this.#launcher.setAttribute(
      "aria-label",
      launcherLabel(uiLanguage(this.#locale ?? this.getAttribute("locale")), this.#unread),
    );
    this.#launcher.setAttribute("aria-expanded", String(this.isOpen));
  }
}

/**
 * Defines `<chat-widget>` with the URL of the view chunk and the API origin to fall back on
 * (both come from the loader's own script URL, so the widget works on any host origin).
 */
export function defineChatWidget(chunkUrl: string, apiOrigin: string): void {
  if (customElements.get("chat-widget")) return;
  viewChunkUrl = chunkUrl;
  defaultApiOrigin = apiOrigin;
  customElements.define("chat-widget", ChatWidget);
}

declare global {
  interface HTMLElementTagNameMap {
    "chat-widget": ChatWidget;
  }
}
