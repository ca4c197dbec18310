/**
 * The widget's attachment chunk, imported by `chat-widget-view.ts` only when the visitor first
 * uses the paperclip, pastes or drops a file, or a message with files arrives: uploading (with
 * progress and the server's refusals), the files waiting for the next message, and thumbnails
 * and file links in the transcript. Lit's `html` comes from the view; the transfer and rendering
 * code is the panel's too (`client/`). Its own styles are adopted into the view's shadow root,
 * and its few strings are tables of its own (`files-strings/`, English here), the view's
 * `lang` picking one, sizes written by `Intl`, so neither the view nor its string tables grow.
 */
import type { html as Html } from "lit";
import { AttachmentLinks, type AttachmentEndpoint } from "../client/attachment-transfer";
import { renderAttachments } from "../client/attachment-view";
import { PendingFiles } from "../client/pending-files";
import type { AttachmentRef } from "../protocol/wire";
import type { TranscriptEntry } from "../client/transcript";
import type { FilesStrings } from "./files-strings/files-strings";
import type { Language } from "./locale";
import type { WidgetConfig } from "./widget-config";

/** English, the fallback, comes with the chunk. */
const en: FilesStrings = {
  remove: "Remove {name}",
  failed: "Not uploaded",
  offline: "Not uploaded: no connection",
  too_large: "This file is too large",
  too_large_max: "Too large: files can be up to {max}",
  unsupported_type: "This kind of file cannot be sent",
  too_many: "Too many files in this chat",
};

/** Each other language's table, a chunk of its own, loaded with the chunk's first use. */
export const filesTables: Record<Language, () => Promise<{ default: FilesStrings }>> = {
  en: () => Promise.resolve({ default: en }),
  es: () => import("./files-strings/files-es"),
  fr: () => import("./files-strings/files-fr"),
  ru: () => import("./files-strings/files-ru"),
  ar: () => import("./files-strings/files-ar"),
  de: () => import("./files-strings/files-de"),
  pt: () => import("./files-strings/files-pt"),
  it: () => import("./files-strings/files-it"),
  nl: () => import("./files-strings/files-nl"),
  tr: () => import("./files-strings/files-tr"),
  ja: () => import("./files-strings/files-ja"),
  zh: () => import("./files-strings/files-zh"),
  he: () => import("./files-strings/files-he"),
};

/** English until the visitor's table is in (a few ms after the first use), then theirs. */
let strings: FilesStrings = en;

const languageOf = (lang: string) => lang.toLowerCase().split("-")[0] as Language;

/** Loads the table of the view's language (English stays for a language without one). */
export async function loadFilesStrings(lang: string): Promise<FilesStrings> {
  const load = filesTables[languageOf(lang)];
  strings = load ? (await load().catch(() => ({ default: en }))).default : en;
  return strings;
}

/**
 * Why a file was not taken, in the visitor's language (the server's code picks the sentence;
 * a file too large says the site's limit when the server gave it).
 */
export function refusalText(t: FilesStrings, code: string | undefined, limit?: number, lang = "en"): string {
  if (code === "too_large" && limit !== undefined)
    return t.too_large_max.replace("{max}", sizeText(lang, limit));
  return code === "offline" || code === "too_large" || code === "unsupported_type" || code === "too_many"
    ? t[code]
    : t.failed;
}

/** A file's size in the visitor's language: "34 kB", "1,2 Mo", "1,2 МБ". */
export function sizeText(lang: string, bytes: number): string {
  const [unit, value] =
    bytes < 1024 * 1024 ? ["kilobyte", bytes / 1024] : ["megabyte", bytes / (1024 * 1024)];
  return new Intl.NumberFormat(lang || "en", { style: "unit", unit, maximumFractionDigits: 1 }).format(
    Math.max(value, 0.1),
  );
}

/**
 * Where the widget keeps the visitor token: `visitorTokenKey` of widget-config.ts, written out
 * because importing it would split the view to share it (test/unit/widget/attachments-chunk.test.ts
 * holds the two equal).
 */
export const tokenKey = (site: string) => `edgechat:${site}:visitor-token`;

/** What the chunk needs of the view. */
export interface FilesHost {
  config: WidgetConfig;
  /** The view's language (`lang` of the element). */
  readonly lang: string;
  requestUpdate(): void;
  readonly shadowRoot: ShadowRoot | null;
}

const css = `
.files{list-style:none;margin:4px 0 0;padding:0;display:flex;flex-wrap:wrap;gap:6px}
.visitor .files{justify-content:flex-end}
.files li{max-width:none}
.image img,.thumb-wait{display:block;max-width:160px;max-height:160px;border-radius:12px;background:var(--_line);object-fit:cover}
.thumb-wait{width:120px;height:90px}
.doc a,.doc .link-wait{display:flex;gap:8px;align-items:baseline;padding:8px 12px;border:1px solid var(--_line);border-radius:12px;background:var(--_bubble);color:inherit;text-decoration:none;max-width:240px}
.doc .name{overflow:hidden;text-overflow:ellipsis;white-space:nowrap;font-weight:600;text-decoration:underline}
.doc .size{color:var(--_muted);font-size:12px;white-space:nowrap}
.pending{flex-basis:100%;display:flex;flex-wrap:wrap;gap:6px;margin:0;padding:0;list-style:none;font-size:12.5px}
.pending li{flex-direction:row;gap:6px;align-items:center;max-width:100%;padding:3px 4px 3px 10px;border:1px solid var(--_line);border-radius:999px;background:var(--_surface)}
.pending .name{max-width:150px;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.pending .failed{border-color:var(--_danger);color:var(--_danger)}
.pending button{border:0;background:none;padding:0 6px;font-size:16px;line-height:1}
form:has(.pending){flex-wrap:wrap}
`;

let host: FilesHost | undefined;
let html: typeof Html;
let pending: PendingFiles | undefined;
let links: AttachmentLinks | undefined;

/**
 * The view hands itself and Lit's `html` over on the first use; `list`: files to add,
 * undefined: open the file picker, false: only load (a message with files came).
 */
export function use(view: FilesHost, lit: typeof Html, list?: FileList | false): void {
  if (!host) {
    host = view;
    html = lit;
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    const root = view.shadowRoot;
    if (root) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    const { apiOrigin, site } = view.config;
    const endpoint: AttachmentEndpoint = {
      base: `${apiOrigin}/v1/sites/${encodeURIComponent(site)}/attachments`,
      token: () => localStorage.getItem(tokenKey(host!.config.site)),
    };
    const changed = () => host?.requestUpdate();
    void loadFilesStrings(view.lang).then(changed);
    pending = new PendingFiles(endpoint, changed);
    links = new AttachmentLinks(endpoint, changed);
  }
  if (list) pending!.add(list);
  else if (list === undefined) pick();
  view.requestUpdate();
}

function pick(): void {
  const input = document.createElement("input");
  input.type = "file";
  input.multiple = true;
  input.onchange = () => input.files && pending?.add(input.files);
  input.click();
}

/** The files ready for the message being sent; null while one is still uploading (wait). */
export function take(): AttachmentRef[] | undefined | null {
  if (!pending || pending.list.length === 0) return undefined;
  if (pending.busy) return null;
  const refs = pending.take();
  return refs.length > 0 ? refs : undefined;
}

/** The files waiting for the next message, with progress or the refusal, each removable. */
export function renderPending() {
  const files = pending?.list ?? [];
  if (files.length === 0) return "";
  const lang = host!.lang;
  const t = strings;
  return html`<ul class="pending" data-testid="chat-pending-files" aria-live="polite">
    ${files.map(
      (file) =>
        html`<li class=${file.error ? "failed" : ""} data-testid="chat-pending-file"><span class="name">${file.name}</span
          ><span>${file.error ? refusalText(t, file.code, file.limit, lang) : file.ref ? sizeText(lang, file.size) : `${Math.round(file.progress * 100)}%`}</span
          ><button type="button" aria-label=${t.remove.replace("{name}", file.name)} @click=${() => pending?.remove(file.key)}>×</button></li>`,
    )}
  </ul>`;
}

/** A message's thumbnails and file links. */
export function renderFiles(entry: TranscriptEntry) {
  const lang = host?.lang ?? "en";
  return links ? renderAttachments(html, entry.attachments, links, (bytes) => sizeText(lang, bytes)) : "";
}
