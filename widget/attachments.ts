/**
 * The widget's attachment chunk, imported by `chat-widget-view.ts` only when the visitor first
 * uses the paperclip, pastes or drops a file, or a message with files arrives: uploading (with
 * progress and the server's refusals), the files waiting for the next message, and thumbnails
 * and file links in the transcript. Lit's `html` comes from the view; the transfer and rendering
 * code is the panel's too (`client/`). Its own styles are adopted into the view's shadow root,
 * and its few strings live here in every language the widget speaks (the view's `lang` picks
 * one; sizes are written by `Intl`), so neither the view nor its string tables grow.
 */
import type { html as Html } from "lit";
import { AttachmentLinks, type AttachmentEndpoint } from "../client/attachment-transfer";
import { renderAttachments } from "../client/attachment-view";
import { PendingFiles } from "../client/pending-files";
import type { AttachmentRef } from "../protocol/wire";
import type { TranscriptEntry } from "../client/transcript";
import type { Language } from "./locale";
import type { WidgetConfig } from "./widget-config";

interface FilesStrings {
  /** The label of a waiting file's remove button. */
  remove: string;
  /** A refused upload, by the server's error code; `failed` for any other. */
  failed: string;
  offline: string;
  too_large: string;
  unsupported_type: string;
  too_many: string;
}

/** Every language the widget speaks; the compiler insists on each (English is the fallback). */
export const filesStrings: Record<Language, FilesStrings> = {
  en: {
    remove: "Remove {name}",
    failed: "Not uploaded",
    offline: "Not uploaded: no connection",
    too_large: "This file is too large",
    unsupported_type: "This kind of file cannot be sent",
    too_many: "Too many files in this chat",
  },
  es: {
    remove: "Quitar {name}",
    failed: "No se ha subido",
    offline: "No se ha subido: sin conexión",
    too_large: "El archivo es demasiado grande",
    unsupported_type: "No se pueden enviar archivos de este tipo",
    too_many: "Demasiados archivos en este chat",
  },
  fr: {
    remove: "Retirer {name}",
    failed: "Non envoyé",
    offline: "Non envoyé : pas de connexion",
    too_large: "Ce fichier est trop volumineux",
    unsupported_type: "Ce type de fichier ne peut pas être envoyé",
    too_many: "Trop de fichiers dans cette conversation",
  },
  ru: {
    remove: "Убрать {name}",
    failed: "Не загружено",
    offline: "Не загружено: нет соединения",
    too_large: "Файл слишком большой",
    unsupported_type: "Файлы такого типа отправить нельзя",
    too_many: "Слишком много файлов в этом чате",
  },
  ar: {
    remove: "إزالة {name}",
    failed: "لم يُرفع الملف",
    offline: "لم يُرفع الملف: لا يوجد اتصال",
    too_large: "هذا الملف كبير جدًا",
    unsupported_type: "لا يمكن إرسال هذا النوع من الملفات",
    too_many: "ملفات كثيرة جدًا في هذه المحادثة",
  },
  de: {
    remove: "{name} entfernen",
    failed: "Nicht hochgeladen",
    offline: "Nicht hochgeladen: keine Verbindung",
    too_large: "Diese Datei ist zu groß",
    unsupported_type: "Dateien dieser Art können nicht gesendet werden",
    too_many: "Zu viele Dateien in diesem Chat",
  },
  pt: {
    remove: "Remover {name}",
    failed: "Não enviado",
    offline: "Não enviado: sem conexão",
    too_large: "Este arquivo é grande demais",
    unsupported_type: "Não é possível enviar arquivos deste tipo",
    too_many: "Arquivos demais nesta conversa",
  },
  it: {
    remove: "Rimuovi {name}",
    failed: "Non caricato",
    offline: "Non caricato: nessuna connessione",
    too_large: "Questo file è troppo grande",
    unsupported_type: "Non è possibile inviare file di questo tipo",
    too_many: "Troppi file in questa chat",
  },
  nl: {
    remove: "{name} verwijderen",
    failed: "Niet geüpload",
    offline: "Niet geüpload: geen verbinding",
    too_large: "Dit bestand is te groot",
    unsupported_type: "Dit soort bestand kan niet worden verstuurd",
    too_many: "Te veel bestanden in deze chat",
  },
  tr: {
    remove: "Kaldır: {name}",
    failed: "Yüklenmedi",
    offline: "Yüklenmedi: bağlantı yok",
    too_large: "Bu dosya çok büyük",
    unsupported_type: "Bu türde dosya gönderilemez",
    too_many: "Bu sohbette çok fazla dosya var",
  },
  ja: {
    remove: "{name} を取り除く",
    failed: "アップロードできませんでした",
    offline: "アップロードできませんでした: 接続がありません",
    too_large: "ファイルが大きすぎます",
    unsupported_type: "この種類のファイルは送信できません",
    too_many: "このチャットのファイルが多すぎます",
  },
  zh: {
    remove: "移除 {name}",
    failed: "未上传",
    offline: "未上传：没有网络连接",
    too_large: "文件太大",
    unsupported_type: "无法发送此类文件",
    too_many: "此对话中的文件过多",
  },
  he: {
    remove: "הסרת {name}",
    failed: "הקובץ לא הועלה",
    offline: "הקובץ לא הועלה: אין חיבור",
    too_large: "הקובץ גדול מדי",
    unsupported_type: "אי אפשר לשלוח קבצים מסוג זה",
    too_many: "יותר מדי קבצים בשיחה הזו",
  },
};

const stringsOf = (lang: string): FilesStrings =>
  filesStrings[lang.toLowerCase().split("-")[0] as Language] ?? filesStrings.en;

/** Why a file was not taken, in the visitor's language (the server's code picks the sentence). */
export function refusalText(lang: string, code: string | undefined): string {
  const t = stringsOf(lang);
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
  return html`<ul class="pending" data-testid="chat-pending-files" aria-live="polite">
    ${files.map(
      (file) =>
        html`<li class=${file.error ? "failed" : ""} data-testid="chat-pending-file"><span class="name">${file.name}</span
          ><span>${file.error ? refusalText(lang, file.code) : file.ref ? sizeText(lang, file.size) : `${Math.round(file.progress * 100)}%`}</span
          ><button type="button" aria-label=${stringsOf(lang).remove.replace("{name}", file.name)} @click=${() => pending?.remove(file.key)}>×</button></li>`,
    )}
  </ul>`;
}

/** A message's thumbnails and file links. */
export function renderFiles(entry: TranscriptEntry) {
  const lang = host?.lang ?? "en";
  return links ? renderAttachments(html, entry.attachments, links, (bytes) => sizeText(lang, bytes)) : "";
}
