/**
 * The offline form (email, name, message) shown in place of the composer while the team is
 * closed and takes one. Imported by `chat-widget-view.ts` only when the form is first
 * needed, so a visitor of an open team never downloads it (the view's weight budget). Lit's
 * `html` and the length limit come from the view, so this chunk imports nothing and the view
 * stays one chunk.
 */
import type { html as Html } from "lit";
import type { ChatConnection } from "./chat-connection";
import type { Strings } from "./i18n";

/** The form; `sent` hears of a message handed to the connection (the view scrolls to it). */
export function render(
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
    if (chat.sendOffline(field("email").trim(), field("name"), field("text"))) sent();
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
