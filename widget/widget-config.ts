/**
 * What one embedded widget needs to know, read from its `<chat-widget>` element (whose
 * attributes the loader copies from the script tag's `data-*`), plus what the host page set
 * through the JavaScript API (user, locale). Shared by the loader and the lazily loaded chat
 * view, so it must stay tiny and Lit-free; the parsing (`readConfig`) ships in the view only.
 */
import type { VisitorUser } from "../protocol/wire";
import { ID_PATTERN } from "../protocol/wire";
import { tables } from "./i18n";
import { pickLocale } from "./locale";

/** A topic the visitor may pick before the first message (`data-teams="sales:Sales,…"`). */
export interface TeamChoice {
  id: string;
  label: string;
}

export interface WidgetConfig {
  /** Site id, `data-site`. */
  site: string;
  /** Origin of the chat server: where widget.js came from, not the host page. */
  apiOrigin: string;
  /** BCP 47 language of the widget: `data-locale`, `setLocale`, the page's or the browser's. */
  locale: string;
  /** A team chosen by the site owner for this page (`data-team`) or by the visitor. */
  team?: string;
  /** Topics offered before the first message, `data-teams`; the pick is sent as `team`. */
  teams?: TeamChoice[];
  /** Heading of the chat panel, `data-title`. */
  title?: string;
  /** First line shown before anyone wrote, `data-greeting`. */
  greeting?: string;
  /** Chime on new messages while the chat is hidden, `data-sound`. */
  sound?: boolean;
  /** The logged-in user, from `EdgeChat("setUser", …)`; `hash` signed by the site's backend. */
  user?: VisitorUser;
}

/** The localStorage key of the visitor token: the one thing the widget stores, per site. */
export const visitorTokenKey = (site: string): string => `edgechat:${site}:visitor-token`;

/** Attributes of `<chat-widget>` (and `data-*` of the script tag) that make up the config. */
export const configAttributes = [
  "site",
  "api-origin",
  "locale",
  "team",
  "teams",
  "title",
  "greeting",
  "sound",
  "color",
  "position",
  "theme",
] as const;

/** `"support:Support, sales:Sales"` to choices; entries without a label use their id. */
export function parseTeams(value: string | null): TeamChoice[] | undefined {
  const teams = (value ?? "")
    .split(",")
    .map((item) => {
      const [id = "", label] = item.split(":");
      return { id: id.trim(), label: (label ?? id).trim() };
    })
    .filter((team) => ID_PATTERN.test(team.id));
  return teams.length > 0 ? teams : undefined;
}

/** What the host page set through the API, and where widget.js came from. */
export interface ConfigExtras {
  /** Origin of widget.js: the chat server unless `api-origin` says otherwise. */
  apiOrigin: string;
  /** From `setLocale`; the `locale` attribute, the page and the browser come after it. */
  locale: string | null;
  user?: VisitorUser | undefined;
}

/** The config of a `<chat-widget>` (its attributes) with the API's extras; null without `site`. */
export function readConfig(element: Element, extras: ConfigExtras): WidgetConfig | null {
  const site = element.getAttribute("site");
  if (!site) return null;
  const config: WidgetConfig = {
    site,
    apiOrigin: element.getAttribute("api-origin") ?? extras.apiOrigin,
    locale: pickLocale(extras.locale ?? element.getAttribute("locale"), tables),
  };
  if (extras.user) config.user = extras.user;
  for (const name of ["team", "title", "greeting"] as const) {
    const value = element.getAttribute(name);
    if (value) config[name] = value;
  }
  const teams = parseTeams(element.getAttribute("teams"));
  if (teams && !config.team) config.teams = teams;
  const sound = element.getAttribute("sound");
  if (sound !== null && sound !== "off" && sound !== "false") config.sound = true;
  return config;
}

/** What the loader may rely on in the lazily loaded `<chat-widget-view>`. */
export interface ChatViewElement extends HTMLElement {
  /** Shown to the visitor (the loader toggles it); hidden views still receive messages. */
  open: boolean;
  /** Settles once the view's language is loaded and it has rendered. */
  readonly ready: Promise<unknown>;
  /**
   * Reads its config from the `<chat-widget>` (before it connects, and again when the user or
   * language changed: then a new session; `clear` drops the transcript of another visitor).
   * The view does the parsing, so the loader stays small.
   */
  configure(from: Element, extras: ConfigExtras, clear?: boolean): void;
  /** Tells the site's other tabs (their views; a tab without one has nothing to sync). */
  tellTabs(message: TabMessage): void;
}

/** What tabs of one site tell each other over a BroadcastChannel (never storage). */
export type TabMessage = { t: "read"; conversationId: string; seq: number } | { t: "reset" };

/** Events the view fires at the loader (not composed: they stay inside the widget). */
export const ViewEvent = {
  /** The visitor asked to close the chat (close button, Escape). */
  close: "chat-close",
  /** The number of unread messages changed; `detail` is the count. */
  unread: "chat-unread",
  /** Something for the host page's listeners; `detail` is `{name, data}` (see `ChatEvent`). */
  api: "chat-api",
  /** Another tab logged the visitor out (`reset`): forget everything here too. */
  reset: "chat-reset",
} as const;

/** The events a host page can listen to with `EdgeChat("on", name, handler)`. */
export const ChatEvent = {
  /** The API is ready (the widget is on the page); late listeners are called at once. */
  ready: "ready",
  opened: "opened",
  closed: "closed",
  /** A new message in the conversation: `{conversationId, seq, from, text, authorName?, at}`. */
  message: "message",
  /** An agent took the conversation: `{name, replySeconds?}`. */
  assigned: "assigned",
  /** Every status from the server: `{state, position?, etaSeconds?, agent?, opensAt?, offlineForm?, text?}`. */
  status: "status",
  /** The unread count changed: a number. */
  unread: "unread",
  /** Something the site owner should fix, e.g. a refused identity hash: `{code, message, path?}`. */
  error: "error",
} as const;
export type ChatEvent = (typeof ChatEvent)[keyof typeof ChatEvent];
