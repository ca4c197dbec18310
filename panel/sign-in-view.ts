/**
 * The panel's signed-out screen: agents normally arrive through their one-time login link;
 * this lets them paste the link or an agent token instead, says why they were signed out,
 * and shows that a link is being exchanged.
 */
import { html, nothing } from "lit";
import { AGENT_LOGIN_LINK_TTL_SECONDS, AGENT_SESSION_IDLE_SECONDS } from "../protocol/wire";

export function renderSignIn(message: string | null, onLink: (link: string) => void, busy = false) {
  return html`<div class="signin">
    <form
      class="card"
      data-testid="sign-in"
      aria-busy=${busy ? "true" : "false"}
      @submit=${(event: SubmitEvent) => {
        event.preventDefault();
        const input = (event.currentTarget as HTMLFormElement).elements.namedItem("link") as HTMLInputElement;
        onLink(input.value.trim());
      }}
    >
      <h1>Agent sign-in</h1>
      <p>Open the login link your admin gave you (it works once, for ${AGENT_LOGIN_LINK_TTL_SECONDS / 60} minutes), or paste the link or your agent token here. You then stay signed in on every tab of this browser until you sign out or leave the panel closed for ${AGENT_SESSION_IDLE_SECONDS / 3600} hours.</p>
      ${busy ? html`<p role="status" data-testid="signing-in">Signing you in…</p>` : nothing}
      ${message ? html`<p class="error" role="alert" data-testid="sign-in-message">${message}</p>` : nothing}
      <input name="link" data-testid="login-link-input" aria-label="Login link or agent token" placeholder="Login link or agent token" autocomplete="off" required ?disabled=${busy} />
      <button class="primary" type="submit" ?disabled=${busy}>Sign in</button>
    </form>
  </div>`;
}
