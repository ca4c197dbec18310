/**
 * The widget's attachment chunk, imported by `chat-widget-view.ts` only when the visitor first
 * uses the paperclip, pastes or drops a file, or a message with files arrives: uploading (with
 * progress and the server's refusals), the files waiting for the next message, and thumbnails
 * and file links in the transcript. Lit's `html` comes from the view; the transfer and rendering
 * code is the panel's too (`client/`). Its own styles are adopted into the view's shadow root,
 * and its few strings live here (English), so neither the view nor the string tables grow.
 */
import type { html as Html } from "lit";
import { AttachmentLinks, fileSize, type AttachmentEndpoint } from "../client/attachment-transfer";
import { renderAttachments } from "../client/attachment-view";
import { PendingFiles } from "../client/pending-files";
import type { AttachmentRef } from "../protocol/wire";
import type { TranscriptEntry } from "../client/transcript";
import type { WidgetConfig } from "./widget-config";

/**
 * Where the widget keeps the visitor token: `visitorTokenKey` of widget-config.ts, written out
 * because importing it would split the view to share it (test/unit/widget/attachments-chunk.test.ts
 * holds the two equal).
 */
export const tokenKey = (site: string) => `edgechat:${site}:visitor-token`;

/** What the chunk needs of the view. */
export interface FilesHost {
  config: WidgetConfig;
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
  return html`<ul class="pending" data-testid="chat-pending-files" aria-live="polite">
    ${files.map(
      (file) =>
        html`<li class=${file.error ? "failed" : ""} data-testid="chat-pending-file"><span class="name">${file.name}</span
          ><span>${file.error ?? (file.ref ? fileSize(file.size) : `${Math.round(file.progress * 100)}%`)}</span
          ><button type="button" aria-label="Remove ${file.name}" @click=${() => pending?.remove(file.key)}>×</button></li>`,
    )}
  </ul>`;
}

/** A message's thumbnails and file links. */
export function renderFiles(entry: TranscriptEntry) {
  return links ? renderAttachments(html, entry.attachments, links) : "";
}
