/**
 * The offline form (email, name, message) shown in place of the composer while the team is
 * closed and takes one, and once the visitor left a message, what became of it (no composer
 * until the team is back: the status says when), also after a reload. A signed-in user's
 * email and name (`setUser`) are filled in, and focus then starts in the message. The view
 * focuses what is marked `data-focus`. Imported by `chat-widget-view.ts` only when the
 * form is first needed, so a visitor of an open team never downloads it (the view's weight
 * budget). Lit's `html` and the length limit come from the view, so this chunk imports
 * nothing and the view stays one chunk; its one sentence of its own is in `SENT`. It also
 * sends the form's message (`sendOffline`), so the view carries none of that.
 */
import type { html as Html } from "lit";
import type { VisitorUser } from "../protocol/wire";
import type { ChatConnection } from "./chat-connection";
import type { Strings } from "./i18n";
import type { Language } from "./locale";

/** What the visitor sees instead of the form once their message is in, per language. */
const SENT: Record<Language, string> = {
  en: "Thank you! Your message is with us, and we'll reply as soon as we're back.",
  es: "¡Gracias! Hemos recibido tu mensaje y te responderemos en cuanto volvamos.",
  fr: "Merci ! Nous avons bien reçu votre message et vous répondrons dès notre retour.",
  ru: "Спасибо! Мы получили ваше сообщение и ответим, как только вернёмся.",
  ar: "شكرًا! وصلتنا رسالتك وسنرد عليك فور عودتنا.",
  de: "Danke! Ihre Nachricht ist angekommen; wir antworten, sobald wir zurück sind.",
  pt: "Obrigado! Recebemos a sua mensagem e responderemos assim que voltarmos.",
  it: "Grazie! Abbiamo ricevuto il tuo messaggio e ti risponderemo appena torniamo.",
  nl: "Bedankt! We hebben je bericht ontvangen en antwoorden zodra we terug zijn.",
  tr: "Teşekkürler! Mesajınızı aldık, döner dönmez yanıt vereceğiz.",
  ja: "ありがとうございます。メッセージを受け取りました。再開しだいご返信します。",
  zh: "谢谢！我们已收到您的留言，回来后会尽快回复您。",
  he: "תודה! ההודעה שלך התקבלה, ונשיב לך מיד כשנחזור.",
};

/** What the form reads of the view: its language and the user the page set. */
interface FormHost {
  lang: string;
  config: { user?: VisitorUser };
}

/** The offline form's message: email, optional name and text, acked like a message. */
function sendOffline(chat: ChatConnection, email: string, name: string, text: string): boolean {
  if (text.trim() === "") return false;
  chat.offlineFormForced = false;
  chat.offlineDraft = "";
  chat.queue(text, undefined, name.trim() ? { email, name: name.trim().slice(0, 100) } : { email });
  return true;
}

/** The topics to pick before the first message; `choose` hears the pick. */
export function renderChoices(
  html: typeof Html,
  teams: NonNullable<ChatConnection["teamChoice"]>,
  t: Strings,
  choose: (team: string) => void,
) {
  return html`<div class="choices" part="choices" role="group" aria-labelledby="pick">
    <p id="pick">${t.pickTeam}</p>
    ${teams.map(
      (team) =>
        html`<button type="button" part="choice" data-testid="chat-team" data-team=${team.id} @click=${() => choose(team.id)}>${team.label}</button>`,
    )}
  </div>`;
}

/** The form; `sent` hears of a message handed to the connection (the view scrolls to it). */
export function render(
  html: typeof Html,
  maxChars: number,
  chat: ChatConnection,
  t: Strings,
  sent: () => void,
  view: FormHost,
) {
  if (!chat.offlineFormForced && (chat.openConversation || chat.transcript.outgoing().length > 0))
    return html`<form class="offline" part="offline-form" data-testid="offline-sent" @submit=${(event: Event) => event.preventDefault()}>
      <p role="status" tabindex="-1" data-focus>${SENT[view.lang as Language] ?? SENT.en}</p>
    </form>`;
  const user = view.config.user;
  const submit = (event: Event) => {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const field = (name: string) => String(data.get(name) ?? "");
    if (sendOffline(chat, field("email").trim(), field("name"), field("text"))) sent();
  };
  return html`<form class="offline" part="offline-form" data-testid="offline-form" @submit=${submit}>
      <p>${chat.status?.text ?? t.formIntro}</p>
      <label part="field">${t.email}<input name="email" type="email" required maxlength="254" pattern="[^@\\s]+@[^@\\s]+\\.[^@\\s]+" autocomplete="email" data-testid="offline-email" .value=${user?.email ?? ""} ?data-focus=${!user?.email} /></label>
      <label part="field">${t.name}<input name="name" maxlength="100" autocomplete="name" data-testid="offline-name" .value=${user?.name ?? ""} /></label>
      <label part="field"
        >${t.input}<textarea name="text" required rows="3" maxlength=${maxChars} data-testid="offline-text" .value=${chat.offlineDraft} ?data-focus=${!!user?.email}></textarea
      ></label>
      <button class="submit" type="submit" data-testid="offline-send">${t.send}</button>
    </form>`;
}
