/**
 * The preview beside the launcher: the latest agent message the visitor has not seen (the
 * author's display name and the first line), until it is read or dismissed. The chat view
 * imports this chunk when its unread count first changes (a returning visitor's view loads at
 * idle and counts what the team wrote after the server's read pointer), so neither the loader
 * nor the opened chat pays for it. It imports nothing at run time: its strings and styles
 * are its own, the ✕ is a copy of the launcher's.
 *
 * It draws into a box of its own, before the launcher in `<chat-widget>`'s shadow root (Tab
 * meets it first), with its own shadow root and constructable sheet (strict CSPs hold). The
 * box is a polite live region, so a new preview is said once. Choosing it opens the chat
 * (which reads it, on the server too); ✕ or Escape dismisses it, remembered per message in
 * localStorage so the site's other tabs and later pages do not show it again (the badge stays
 * until the chat is opened).
 */
import type { TranscriptEntry } from "../client/transcript";
import type { ChatConnection } from "./chat-connection";
import type { Strings } from "./i18n";
import type { Language } from "./locale";

/** [dismiss button, the preview's group name], per language of the widget. */
const WORDS: Record<Language, [string, string]> = {
  en: ["Dismiss", "New message"],
  es: ["Descartar", "Mensaje nuevo"],
  fr: ["Ignorer", "Nouveau message"],
  ru: ["Скрыть", "Новое сообщение"],
  ar: ["إخفاء", "رسالة جديدة"],
  de: ["Ausblenden", "Neue Nachricht"],
  pt: ["Dispensar", "Nova mensagem"],
  it: ["Ignora", "Nuovo messaggio"],
  nl: ["Sluiten", "Nieuw bericht"],
  tr: ["Kapat", "Yeni mesaj"],
  ja: ["閉じる", "新着メッセージ"],
  zh: ["关闭", "新消息"],
  he: ["סגירה", "הודעה חדשה"],
};

const css = `
:host { position: absolute; right: 0; bottom: 74px; }
:host([position=left]) { right: auto; left: 0; }
.card {
  --_bg: var(--chat-bg, #fff); --_text: var(--chat-text, #1c2030); --_muted: var(--chat-muted, #5d6378);
  display: flex; align-items: flex-start; gap: 2px; box-sizing: border-box;
  width: max-content; max-width: min(300px, calc(100vw - 40px));
  padding-block: 10px; padding-inline: 14px 6px; border-radius: 14px;
  background: var(--_bg); color: var(--_text);
  box-shadow: 0 8px 28px rgb(17 24 39 / .22), 0 1px 4px rgb(17 24 39 / .12);
  font: 14px/1.4 var(--chat-font, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif);
}
:host([theme=dark]) .card { --_bg: var(--chat-bg, #232735); --_text: var(--chat-text, #eceef5); --_muted: var(--chat-muted, #a3a9bc); }
@media (prefers-color-scheme: dark) {
  :host(:not([theme=light])) .card { --_bg: var(--chat-bg, #232735); --_text: var(--chat-text, #eceef5); --_muted: var(--chat-muted, #a3a9bc); }
}
button { font: inherit; color: inherit; background: none; border: 0; margin: 0; cursor: pointer; }
button:focus-visible { outline: 2px solid var(--chat-accent, #4f46e5); outline-offset: 2px; }
.open { flex: 1; min-width: 0; padding: 2px 0; text-align: start; }
b { display: block; font-size: 13px; font-weight: 650; }
.open span { display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; overflow: hidden; overflow-wrap: anywhere; }
.dismiss { flex: none; display: grid; place-items: center; width: 28px; height: 28px; padding: 0; border-radius: 50%; color: var(--_muted); }
.dismiss:hover { background: color-mix(in srgb, currentColor 14%, transparent); }
svg { width: 16px; height: 16px; fill: currentColor; }
`;
let sheet: CSSStyleSheet | undefined;

/** What a box was last told, to draw it again (dismissed in another tab, the view removed). */
interface Shown {
  view: HTMLElement;
  root: ShadowRoot;
  chat: ChatConnection;
  t: Strings;
  /** `conversation#seq` of the message on screen, "" for none. */
  key: string;
}
const shown = new WeakMap<HTMLElement, Shown>();

/** The newest agent message among the `unread` latest messages from the team, if any. */
export function latestUnread(entries: readonly TranscriptEntry[], unread: number): TranscriptEntry | null {
  for (let index = entries.length - 1, left = unread; index >= 0 && left > 0; index--) {
    const entry = entries[index]!;
    if (entry.from === "visitor") continue;
    if (entry.from === "agent") return entry;
    left--;
  }
  return null;
}

const dismissedKey = (site: string): string => `edgechat:${site}:preview-dismissed`;
const keyOf = (entry: TranscriptEntry): string => `${entry.conversationId}#${entry.seq}`;
const site = (widget: Element): string => widget.getAttribute("site") ?? "";

/** The last preview dismissed on this page: what counts when storage is missing or throws. */
let dismissedHere = "";

function dismissed(site: string): string {
  try {
    return localStorage.getItem(dismissedKey(site)) ?? dismissedHere;
  } catch {
    return dismissedHere;
  }
}

/** The box before the launcher, made on first use. */
function boxOf(root: ShadowRoot, widget: Element): HTMLElement {
  let box = root.querySelector<HTMLElement>(".preview");
  if (box) return box;
  box = document.createElement("div");
  box.className = "preview";
  box.part.add("preview");
  const inner = box.attachShadow({ mode: "open" });
  sheet ??= new CSSStyleSheet();
  if (sheet.cssRules.length === 0) sheet.replaceSync(css);
  inner.adoptedStyleSheets = [sheet];
  const live = document.createElement("div");
  live.setAttribute("aria-live", "polite");
  inner.append(live);
  root.insertBefore(box, root.querySelector(".launcher"));
  const redraw = () => {
    const last = shown.get(box!);
    if (last) draw(box!, last);
  };
  // Dismissed in another tab: gone here too. The view removed (a logout): gone.
  addEventListener("storage", (event) => event.key === dismissedKey(site(widget)) && redraw());
  new MutationObserver(redraw).observe(root, { childList: true });
  return box;
}

/** Shows the latest unread agent message of `chat` beside the launcher, or nothing. */
export function showPreview(view: HTMLElement, chat: ChatConnection, t: Strings): void {
  const root = view.getRootNode();
  if (root instanceof ShadowRoot) draw(boxOf(root, root.host), { view, root, chat, t, key: "" });
}

function draw(box: HTMLElement, state: Shown): void {
  const { view, root, chat, t } = state;
  const widget = root.host as HTMLElement & { open(): void };
  const live = box.shadowRoot!.firstElementChild!;
  const entry =
    view.isConnected && !widget.hasAttribute("open")
      ? latestUnread(chat.transcript.entries, chat.unread)
      : null;
  const key = entry && dismissed(site(widget)) !== keyOf(entry) ? keyOf(entry) : "";
  const before = shown.get(box)?.key;
  shown.set(box, { ...state, key });
  if (before === key) return;
  for (const name of ["position", "theme"]) {
    const value = widget.getAttribute(name);
    if (value) box.setAttribute(name, value);
    else box.removeAttribute(name);
  }
  if (!entry || !key) return live.replaceChildren();

  const [dismissLabel, groupLabel] = WORDS[view.lang as Language] ?? WORDS.en;
  const card = document.createElement("div");
  card.className = "card";
  card.setAttribute("role", "group");
  card.setAttribute("aria-label", groupLabel);
  card.lang = view.lang;
  card.dir = view.dir;
  const open = document.createElement("button");
  open.className = "open";
  open.type = "button";
  open.dataset.testid = "chat-preview";
  const author = document.createElement("b");
  author.textContent = entry.authorName || t.agent;
  const text = document.createElement("span");
  text.dir = "auto";
  text.textContent = entry.text.trim().split("\n", 1)[0] ?? "";
  open.append(author, text);
  open.onclick = () => widget.open();
  const dismiss = document.createElement("button");
  dismiss.className = "dismiss";
  dismiss.type = "button";
  dismiss.dataset.testid = "chat-preview-dismiss";
  dismiss.setAttribute("aria-label", dismissLabel);
  const icon = root.querySelector(".launcher .when-open");
  if (icon) dismiss.append(icon.cloneNode(true));
  const close = () => {
    dismissedHere = key;
    try {
      localStorage.setItem(dismissedKey(site(widget)), key);
    } catch {
      // Without storage it is dismissed on this page only.
    }
    draw(box, state);
    root.querySelector<HTMLElement>(".launcher")?.focus();
  };
  dismiss.onclick = close;
  card.onkeydown = (event) => {
    if (event.key === "Escape") close();
  };
  card.append(open, dismiss);
  live.replaceChildren(card);
}
