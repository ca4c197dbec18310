/**
 * The panel's signed-out screen: agents normally arrive through their login link; this
 * lets them paste the link or the bare token instead, and says why they were signed out.
 */
import { html, nothing } from "lit";

export function renderSignIn(message: string | null, onLink: (link: string) => void) {
  return html`<div class="signin">
    <form
      class="card"
      data-testid="sign-in"
      @submit=${(event: SubmitEvent) => {
        event.preventDefault();
        const input = (event.currentTarget as HTMLFormElement).elements.namedItem("link") as HTMLInputElement;
        onLink(input.value.trim());
      }}
    >
      <h1>Agent sign-in</h1>
      <p>Open the login link your admin gave you, or paste the link or your agent token here. You stay signed in until you close the browser.</p>
      ${message ? html`<p class="error" role="alert" data-testid="sign-in-message">${message}</p>` : nothing}
      <input name="link" data-testid="login-link-input" aria-label="Login link or agent token" placeholder="https://…/panel/#site=…&token=…  or the token" autocomplete="off" required />
      <button class="primary" type="submit">Sign in</button>
    </form>
  </div>`;
}
