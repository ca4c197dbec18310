/**
 * What the chat shows in place of the composer: the offline form (email, name, message) while
 * the team is closed and takes one, and the topic choice (`data-teams`) before the first
 * message. Imported by `chat-widget-view.ts` only when one is first needed, so most visitors
 * never download it (the view's weight budget). Lit's `html` and the length limit come from
 * the view, so this chunk imports nothing and the view stays one chunk.
 */
import type { html as Html } from "lit";
import type { ChatConnection } from "./chat-connection";
import type { Strings } from "./i18n";

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
export function renderOfflineForm(
  html: typeof Html,
  maxChars: number,
  chat: ChatConnection,
  t: Strings,
  sent: () => void,
) {
  const submit = (event: Event) => {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const field = (name: string) => String(data.get(name) ?? "");
    if (sendOffline(chat, field("email").trim(), field("name"), field("text"))) sent();
  };
  return html`<form class="offline" part="offline-form" data-testid="offline-form" @submit=${submit}>
      <p>${chat.status?.text ?? t.formIntro}</p>
      <label part="field">${t.email}<input name="email" type="email" required maxlength="254" pattern="[^@\\s]+@[^@\\s]+\\.[^@\\s]+" autocomplete="email" data-testid="offline-email" /></label>
      <label part="field">${t.name}<input name="name" maxlength="100" autocomplete="name" data-testid="offline-name" /></label>
      <label part="field"
        >${t.input}<textarea name="text" required rows="3" maxlength=${maxChars} data-testid="offline-text" .value=${chat.offlineDraft}></textarea
      ></label>
      <button class="submit" type="submit" data-testid="offline-send">${t.send}</button>
    </form>`;
}
