/**
 * What the visitor is offered once their conversation closed: a rating of 1-5 stars with an
 * optional comment (when the team asks for one, once) and the transcript to download. Imported
 * by `chat-widget-view.ts` only when a conversation has closed, so nobody else downloads it
 * (the view's weight budget). Lit's `html` comes from the view and the strings live here, so
 * this chunk imports nothing from the view. Talks to the server over HTTP with the session's
 * visitor token: `POST …/csat` and `GET …/transcript` (worker/routes/visitor-conversation-routes.ts).
 *
 * Keyboard and screen readers: the stars are a native radio group (arrow keys pick, Tab
 * leaves) inside a fieldset whose legend asks the question; each radio says "4 of 5: Good";
 * the outcome is said through a status line.
 */
import type { html as Html } from "lit";
import type { VisitorFrameOut, VisitorSessionResponse } from "../protocol/wire";
import { MAX_CSAT_COMMENT_CHARS } from "../protocol/wire";
import type { Language } from "./locale";
import type { WidgetConfig } from "./widget-config";

interface ClosedChatStrings {
  ask: string;
  /** From 1 star to 5. */
  scores: readonly [string, string, string, string, string];
  of: string;
  comment: string;
  send: string;
  sending: string;
  thanks: string;
  failed: string;
  download: string;
}

const en: ClosedChatStrings = {
  ask: "How was this conversation?",
  scores: ["Very poor", "Poor", "Okay", "Good", "Excellent"],
  of: "{n} of 5",
  comment: "Comment (optional)",
  send: "Send rating",
  sending: "Sending…",
  thanks: "Thank you for your rating!",
  failed: "Your rating was not sent. Please try again.",
  download: "Download transcript",
};

/** Every language the widget speaks; the compiler insists on each (English is the fallback). */
const strings: Record<Language, ClosedChatStrings> = {
  en,
  es: {
    ask: "¿Qué tal ha ido esta conversación?",
    scores: ["Muy mal", "Mal", "Regular", "Bien", "Excelente"],
    of: "{n} de 5",
    comment: "Comentario (opcional)",
    send: "Enviar valoración",
    sending: "Enviando…",
    thanks: "¡Gracias por tu valoración!",
    failed: "No se ha enviado tu valoración. Inténtalo de nuevo.",
    download: "Descargar la conversación",
  },
  fr: {
    ask: "Comment s'est passée cette conversation ?",
    scores: ["Très mauvaise", "Mauvaise", "Correcte", "Bonne", "Excellente"],
    of: "{n} sur 5",
    comment: "Commentaire (facultatif)",
    send: "Envoyer la note",
    sending: "Envoi…",
    thanks: "Merci pour votre note !",
    failed: "Votre note n'a pas été envoyée. Veuillez réessayer.",
    download: "Télécharger la conversation",
  },
  ru: {
    ask: "Как прошёл разговор?",
    scores: ["Очень плохо", "Плохо", "Нормально", "Хорошо", "Отлично"],
    of: "{n} из 5",
    comment: "Комментарий (необязательно)",
    send: "Отправить оценку",
    sending: "Отправка…",
    thanks: "Спасибо за оценку!",
    failed: "Оценка не отправлена. Попробуйте ещё раз.",
    download: "Скачать переписку",
  },
  ar: {
    ask: "كيف كانت هذه المحادثة؟",
    scores: ["سيئة جدًا", "سيئة", "مقبولة", "جيدة", "ممتازة"],
    of: "{n} من 5",
    comment: "تعليق (اختياري)",
    send: "إرسال التقييم",
    sending: "جارٍ الإرسال…",
    thanks: "شكرًا على تقييمك!",
    failed: "لم يُرسل تقييمك. يُرجى المحاولة مرة أخرى.",
    download: "تنزيل المحادثة",
  },
  de: {
    ask: "Wie war dieses Gespräch?",
    scores: ["Sehr schlecht", "Schlecht", "In Ordnung", "Gut", "Ausgezeichnet"],
    of: "{n} von 5",
    comment: "Kommentar (optional)",
    send: "Bewertung senden",
    sending: "Wird gesendet…",
    thanks: "Danke für Ihre Bewertung!",
    failed: "Ihre Bewertung wurde nicht gesendet. Bitte versuchen Sie es erneut.",
    download: "Gesprächsverlauf herunterladen",
  },
  pt: {
    ask: "Como foi esta conversa?",
    scores: ["Muito má", "Má", "Razoável", "Boa", "Excelente"],
    of: "{n} de 5",
    comment: "Comentário (opcional)",
    send: "Enviar avaliação",
    sending: "A enviar…",
    thanks: "Obrigado pela sua avaliação!",
    failed: "A sua avaliação não foi enviada. Tente novamente.",
    download: "Transferir a conversa",
  },
  it: {
    ask: "Com'è andata questa conversazione?",
    scores: ["Pessima", "Scarsa", "Discreta", "Buona", "Eccellente"],
    of: "{n} su 5",
    comment: "Commento (facoltativo)",
    send: "Invia valutazione",
    sending: "Invio…",
    thanks: "Grazie per la tua valutazione!",
    failed: "La valutazione non è stata inviata. Riprova.",
    download: "Scarica la conversazione",
  },
  nl: {
    ask: "Hoe was dit gesprek?",
    scores: ["Zeer slecht", "Slecht", "Redelijk", "Goed", "Uitstekend"],
    of: "{n} van 5",
    comment: "Opmerking (optioneel)",
    send: "Beoordeling versturen",
    sending: "Versturen…",
    thanks: "Bedankt voor je beoordeling!",
    failed: "Je beoordeling is niet verstuurd. Probeer het opnieuw.",
    download: "Gesprek downloaden",
  },
  tr: {
    ask: "Bu görüşme nasıldı?",
    scores: ["Çok kötü", "Kötü", "İdare eder", "İyi", "Mükemmel"],
    of: "5 üzerinden {n}",
    comment: "Yorum (isteğe bağlı)",
    send: "Puanı gönder",
    sending: "Gönderiliyor…",
    thanks: "Puanınız için teşekkürler!",
    failed: "Puanınız gönderilemedi. Lütfen tekrar deneyin.",
    download: "Görüşmeyi indir",
  },
  ja: {
    ask: "今回の対応はいかがでしたか？",
    scores: ["とても悪い", "悪い", "普通", "良い", "とても良い"],
    of: "5 段階中 {n}",
    comment: "コメント（任意）",
    send: "評価を送信",
    sending: "送信中…",
    thanks: "評価をありがとうございました。",
    failed: "評価を送信できませんでした。もう一度お試しください。",
    download: "会話をダウンロード",
  },
  zh: {
    ask: "这次对话体验如何？",
    scores: ["非常差", "差", "一般", "好", "非常好"],
    of: "{n} 分（满分 5 分）",
    comment: "评论（可选）",
    send: "提交评分",
    sending: "正在提交…",
    thanks: "感谢您的评分！",
    failed: "评分未能提交，请重试。",
    download: "下载对话记录",
  },
  he: {
    ask: "איך הייתה השיחה?",
    scores: ["גרועה מאוד", "גרועה", "סבירה", "טובה", "מצוינת"],
    of: "{n} מתוך 5",
    comment: "הערה (לא חובה)",
    send: "שליחת הדירוג",
    sending: "שולח…",
    thanks: "תודה על הדירוג!",
    failed: "הדירוג לא נשלח. נסו שוב.",
    download: "הורדת השיחה",
  },
};

/** What this chunk needs of the view: its config, language, shadow root and a way to redraw. */
export interface ClosedChatView {
  config: WidgetConfig;
  lang: string;
  shadowRoot: ShadowRoot | null;
  requestUpdate(): void;
}

/** What it needs of the connection: the last status and the session (token and team). */
export interface ClosedChatConnection {
  status: Extract<VisitorFrameOut, { type: "status" }> | null;
  session?: VisitorSessionResponse;
}

const Phase = { idle: 0, sending: 1, done: 2, failed: 3 } as const;
type Phase = (typeof Phase)[keyof typeof Phase];

/** Per conversation in this tab: the picked score and where the rating is. */
const ratings = new Map<string, { score: number; phase: Phase }>();

const sheet = new CSSStyleSheet();
sheet.replaceSync(`
.csat { display: flex; flex-direction: column; gap: 6px; padding: 10px 14px 12px; border-top: 1px solid var(--_line); background: var(--_bg); }
.csat fieldset { display: flex; flex-wrap: wrap; align-items: center; gap: 2px; margin: 0; padding: 0; border: 0; }
.csat legend { float: left; width: 100%; margin: 0 0 2px; padding: 0; font-weight: 600; color: var(--_text); }
.csat .star { position: relative; display: grid; place-items: center; width: 40px; height: 40px; border-radius: 50%; font-size: 28px; line-height: 1; color: var(--_muted); cursor: pointer; }
/* Amber with 3:1 contrast or more on the light and the dark background alike. */
.csat .star.on { color: #d97706; }
.csat .star:hover { color: color-mix(in srgb, #d97706 70%, var(--_muted)); }
.csat .star input { position: absolute; inset: 0; width: 100%; height: 100%; margin: 0; padding: 0; opacity: 0; cursor: pointer; }
.csat .star:has(input:focus-visible) { outline: 2px solid var(--_accent); }
.csat .row { display: flex; flex-direction: row; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 8px; }
.csat textarea { font-size: 14px; }
.csat .link { padding: 4px 0; font-size: 13px; border: 0; background: none; color: var(--_text); font: inherit; font-weight: 600; text-decoration: underline; cursor: pointer; }
.csat .said { margin: 0; color: var(--_text); font-weight: 600; }
.csat .said:empty { display: none; }
`);

const t = (view: ClosedChatView): ClosedChatStrings => strings[view.lang as Language] ?? en;

/** The conversation's own route, with the session's visitor token. */
function call(
  view: ClosedChatView,
  chat: ClosedChatConnection,
  conversationId: string,
  what: string,
  init: RequestInit = {},
) {
  const session = chat.session!;
  const path = `/v1/sites/${encodeURIComponent(view.config.site)}/teams/${encodeURIComponent(session.teamId)}/conversations/${encodeURIComponent(conversationId)}/${what}`;
  return fetch(new URL(path, view.config.apiOrigin), {
    ...init,
    credentials: "omit",
    headers: { ...init.headers, Authorization: `Bearer ${session.visitorToken}` },
  });
}

async function send(
  view: ClosedChatView,
  chat: ClosedChatConnection,
  conversationId: string,
  comment: string,
) {
  const rating = ratings.get(conversationId)!;
  rating.phase = Phase.sending;
  view.requestUpdate();
  try {
    const response = await call(view, chat, conversationId, "csat", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ score: rating.score, ...(comment.trim() ? { comment } : {}) }),
    });
    // 409 already_rated: another tab sent it; either way it is in.
    rating.phase = response.ok || response.status === 409 ? Phase.done : Phase.failed;
  } catch {
    rating.phase = Phase.failed;
  }
  view.requestUpdate();
}

async function download(view: ClosedChatView, chat: ClosedChatConnection, conversationId: string) {
  try {
    const response = await call(view, chat, conversationId, "transcript?format=text");
    if (!response.ok) throw new Error(`transcript: ${response.status}`);
    const url = URL.createObjectURL(await response.blob());
    const link = document.createElement("a");
    link.href = url;
    link.download = `${view.config.site}-conversation.txt`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  } catch (error) {
    console.warn("EdgeChat: the transcript could not be downloaded", error);
  }
}

/** The rating form (if the team asks and it is not sent yet) and the transcript link. */
export function render(html: typeof Html, view: ClosedChatView, chat: ClosedChatConnection) {
  const status = chat.status;
  const conversationId = status?.conversationId;
  if (typeof conversationId !== "string" || !chat.session) return null;
  const root = view.shadowRoot;
  if (root && !root.adoptedStyleSheets.includes(sheet))
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  const s = t(view);
  let rating = ratings.get(conversationId);
  if (status?.rate === true && !rating)
    ratings.set(conversationId, (rating = { score: 0, phase: Phase.idle }));
  const transcript = html`<button type="button" class="link" data-testid="transcript-download" @click=${() => download(view, chat, conversationId)}>${s.download}</button>`;
  if (!rating || rating.phase === Phase.done)
    return html`<div class="offline csat" part="csat" data-testid="csat">
      <p class="said" role="status" data-testid="csat-status">${rating ? s.thanks : ""}</p>
      <div class="row">${transcript}</div>
    </div>`;
  const picked = rating;
  const submit = (event: Event) => {
    event.preventDefault();
    if (picked.score === 0 || picked.phase === Phase.sending) return;
    const data = new FormData(event.target as HTMLFormElement);
    void send(view, chat, conversationId, String(data.get("comment") ?? ""));
  };
  const pick = (score: number) => {
    picked.score = score;
    view.requestUpdate();
  };
  return html`<form class="offline csat" part="csat" data-testid="csat-form" @submit=${submit}>
      <fieldset>
        <legend>${s.ask}</legend>
        ${s.scores.map(
          (label, index) =>
            html`<label class="star ${index < picked.score ? "on" : ""}" title=${label}
              ><input type="radio" name="score" value=${index + 1} required data-testid="csat-score" aria-label="${s.of.replace("{n}", String(index + 1))}: ${label}" .checked=${picked.score === index + 1} @change=${() => pick(index + 1)} /><span aria-hidden="true">★</span></label
            >`,
        )}
      </fieldset>
      <label part="field">${s.comment}<textarea name="comment" rows="2" maxlength=${MAX_CSAT_COMMENT_CHARS} data-testid="csat-comment"></textarea></label>
      <div class="row">
        <button class="submit" type="submit" data-testid="csat-send" ?disabled=${picked.phase === Phase.sending}>${picked.phase === Phase.sending ? s.sending : s.send}</button>
        ${transcript}
      </div>
      <p class="said" role="status" data-testid="csat-status">${picked.phase === Phase.failed ? s.failed : ""}</p>
    </form>`;
}
