/**
 * The site's embed snippet, ready to copy: the one script tag a site owner pastes into their
 * pages. The widget finds the chat server from its own `src`, so the tag points at the
 * origin this panel is served from.
 */
import { html } from "lit";

/** The tag for a site, served from `origin`. */
export function embedSnippet(origin: string, site: string): string {
  return `<script src="${origin}/widget.js" data-site="${site}" async></script>`;
}

/** Copies with the Clipboard API; false when the browser refuses (the agent then selects the text). */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

export function renderEmbedSnippet(site: string, copied: boolean | null, onCopy: (snippet: string) => void) {
  const snippet = embedSnippet(location.origin, site);
  return html`<section class="form-section" aria-labelledby="embed-title">
    <h3 id="embed-title">Embed the chat</h3>
    <p class="muted">Paste this tag into every page that should show the chat, before <code>&lt;/body&gt;</code>. The page's origin must be one of the site's allowed origins.</p>
    <div class="snippet">
      <code data-testid="embed-snippet" tabindex="0">${snippet}</code>
      <button type="button" class="ghost small" data-testid="copy-snippet" @click=${() => onCopy(snippet)}>
        ${copied === true ? "Copied" : "Copy"}
      </button>
    </div>
    ${copied === false ? html`<p class="muted" role="status">Copying was blocked by the browser: select the tag and copy it by hand.</p>` : ""}
  </section>`;
}
