/**
 * What one embedded widget needs to know, read from its `<chat-widget>` element (whose
 * attributes the loader copies from the script tag's `data-*`). Shared by the loader and
 * the lazily loaded chat view, so it must stay tiny and Lit-free.
 */

export interface WidgetConfig {
  /** Site id, `data-site`. */
  site: string;
  /** Origin of the chat server: where widget.js came from, not the host page. */
  apiOrigin: string;
  /** BCP 47 language, `data-locale`; the browser's when absent. */
  locale?: string;
  /** A team chosen by the site owner for this page, `data-team`. */
  team?: string;
  /** Heading of the chat panel, `data-title`. */
  title?: string;
}

/** The localStorage key of the visitor token: the one thing the widget stores, per site. */
export const visitorTokenKey = (site: string): string => `edgechat:${site}:visitor-token`;

/** Attributes of `<chat-widget>` (and `data-*` of the script tag) that make up the config. */
export const configAttributes = ["site", "api-origin", "locale", "team", "title", "color", "position"] as const;

export function readConfig(element: Element, fallbackOrigin: string): WidgetConfig | null {
  const site = element.getAttribute("site");
  if (!site) return null;
  const config: WidgetConfig = { site, apiOrigin: element.getAttribute("api-origin") ?? fallbackOrigin };
  for (const name of ["locale", "team", "title"] as const) {
    const value = element.getAttribute(name);
    if (value) config[name] = value;
  }
  return config;
}

/** What the loader may rely on in the lazily loaded `<chat-widget-view>`. */
export interface ChatViewElement extends HTMLElement {
  config: WidgetConfig;
  /** Shown to the visitor (the loader toggles it); hidden views still receive messages. */
  open: boolean;
}

/** Events the view fires at the loader (not composed: they stay inside the widget). */
export const ViewEvent = {
  /** The visitor asked to close the chat (close button, Escape). */
  close: "chat-close",
  /** The number of unread messages changed; `detail` is the count. */
  unread: "chat-unread",
} as const;
