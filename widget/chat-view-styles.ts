/**
 * Styles of the open chat (`<chat-widget-view>`), adopted into its shadow root by Lit, so
 * nothing reaches the host page and a strict CSP (no 'unsafe-inline') is fine. Themed by the
 * host page through inherited custom properties (`--chat-accent` and friends) and `::part`;
 * light or dark follows the system unless `theme="light|dark"` says otherwise. Logical
 * properties (inline-start/end) so right-to-left languages mirror the layout.
 */
const dark = `
  --_bg: var(--chat-bg, #171a23);
  --_surface: var(--chat-surface, #11131a);
  --_bubble: var(--chat-bubble, #232735);
  --_text: var(--chat-text, #eceef5);
  --_muted: var(--chat-muted, #a3a9bc);
  --_line: var(--chat-line, #2b3040);
  --_danger: var(--chat-danger, #ff8a7a);
`;

const text = `
  :host {
    --_accent: var(--chat-accent, #4f46e5);
    --_on-accent: var(--chat-accent-contrast, #fff);
    --_bg: var(--chat-bg, #fff);
    --_surface: var(--chat-surface, #f5f6fa);
    --_bubble: var(--chat-bubble, #fff);
    --_text: var(--chat-text, #1c2030);
    --_muted: var(--chat-muted, #5d6378);
    --_line: var(--chat-line, #e4e6ee);
    --_danger: var(--chat-danger, #c0321a);
    display: flex;
    flex-direction: column;
    overflow: hidden;
    box-sizing: border-box;
    background: var(--_bg);
    color: var(--_text);
    border-radius: var(--chat-radius, 18px);
    box-shadow: 0 18px 50px rgb(17 24 39 / 0.22), 0 2px 8px rgb(17 24 39 / 0.08);
    font: 14px/1.45 var(--chat-font, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif);
  }
  :host([theme="dark"]) {
    ${dark}
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme="light"])) {
      ${dark}
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .dots i { animation: none; }
  }
  .sr {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  header {
    display: flex;
    align-items: center;
    gap: 12px;
    padding-block: 14px;
    padding-inline: 18px 12px;
    background: linear-gradient(135deg, var(--_accent), color-mix(in srgb, var(--_accent) 72%, #000));
    color: var(--_on-accent);
  }
  .avatar {
    flex: none;
    display: grid;
    place-items: center;
    width: 40px;
    height: 40px;
    border-radius: 50%;
    background: rgb(255 255 255 / 0.2);
    font-weight: 650;
  }
  .avatar svg { width: 22px; height: 22px; fill: currentColor; }
  .heading { flex: 1; min-width: 0; }
  h2 { margin: 0; font-size: 16px; font-weight: 650; }
  .status {
    display: -webkit-box;
    margin: 2px 0 0;
    overflow: hidden;
    font-size: 12.5px;
    line-height: 1.35;
    -webkit-box-orient: vertical;
    -webkit-line-clamp: 2;
  }
  button { font: inherit; color: inherit; cursor: pointer; }
  .close {
    flex: none;
    display: grid;
    place-items: center;
    width: 36px;
    height: 36px;
    border: 0;
    border-radius: 50%;
    background: transparent;
  }
  .close:hover, .close:focus-visible { background: rgb(255 255 255 / 0.2); }
  .close svg { width: 22px; height: 22px; fill: currentColor; }
  ol {
    flex: 1;
    display: flex;
    flex-direction: column;
    gap: 4px;
    margin: 0;
    padding: 18px 14px 10px;
    overflow-y: auto;
    list-style: none;
    background: var(--_surface);
    overscroll-behavior: contain;
  }
  ol:focus-visible { outline-offset: -3px; }
  li { display: flex; flex-direction: column; max-width: 80%; }
  li.visitor { align-self: flex-end; align-items: flex-end; }
  li.agent { align-self: flex-start; align-items: flex-start; }
  li.system { align-self: center; max-width: 88%; margin: 8px 0; text-align: center; color: var(--_muted); font-size: 12.5px; }
  li + li.agent:not(.agent + .agent), li + li.visitor:not(.visitor + .visitor) { margin-top: 8px; }
  .divider { align-self: stretch; max-width: none; flex-direction: row; align-items: center; gap: 10px; }
  .divider::before, .divider::after { content: ""; flex: 1; border-top: 1px solid var(--_line); }
  .author { margin: 0 4px 2px; font-size: 12px; color: var(--_muted); }
  .bubble {
    margin: 0;
    padding: 8px 13px;
    border-radius: 16px;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
    background: var(--_bubble);
    box-shadow: 0 1px 2px rgb(17 24 39 / 0.08);
  }
  .agent .bubble { border-end-start-radius: 5px; }
  .visitor .bubble { background: var(--_accent); color: var(--_on-accent); border-end-end-radius: 5px; }
  .visitor.sending .bubble { opacity: 0.75; }
  .visitor.failed .bubble { background: color-mix(in srgb, var(--_danger) 14%, var(--_bubble)); color: var(--_text); }
  .system .bubble { padding: 0; background: none; box-shadow: none; }
  .meta { margin: 2px 4px 0; font-size: 11.5px; color: var(--_muted); }
  .failed .meta { color: var(--_danger); }
  .retry { margin-inline-start: 4px; padding: 0; border: 0; background: none; color: inherit; font-weight: 650; text-decoration: underline; }
  .dots { display: inline-flex; gap: 4px; padding: 5px 0; }
  .dots i { width: 6px; height: 6px; border-radius: 50%; background: var(--_muted); animation: blink 1.2s infinite; }
  .dots i:nth-child(2) { animation-delay: 0.2s; }
  .dots i:nth-child(3) { animation-delay: 0.4s; }
  @keyframes blink { 50% { opacity: 0.25; } }
  form, .choices { border-top: 1px solid var(--_line); background: var(--_bg); }
  form {
    display: flex;
    align-items: flex-end;
    gap: 8px;
    padding: 10px 10px max(10px, env(safe-area-inset-bottom));
  }
  textarea, input { margin: 0; color: inherit; font: inherit; }
  form > textarea {
    flex: 1;
    min-height: 20px;
    max-height: 120px;
    padding: 8px 14px;
    border: 1px solid var(--_line);
    border-radius: 19px;
    resize: none;
    background: var(--_surface);
    field-sizing: content;
  }
  ::placeholder { color: var(--_muted); opacity: 1; }
  .send {
    flex: none;
    display: grid;
    place-items: center;
    width: 38px;
    height: 38px;
    border: 0;
    border-radius: 50%;
    background: var(--_accent);
    color: var(--_on-accent);
  }
  .send:disabled { opacity: 0.35; }
  .send svg { width: 18px; height: 18px; fill: currentColor; }
  .send:dir(rtl) svg { transform: scaleX(-1); }
  .choices { display: flex; flex-wrap: wrap; gap: 8px; padding: 12px 14px 14px; }
  .choices p, .offline p { flex-basis: 100%; margin: 0 0 2px; color: var(--_muted); font-size: 13px; }
  .choices button, .submit {
    padding: 8px 16px;
    border: 1.5px solid var(--_accent);
    border-radius: 999px;
    background: var(--_bg);
    color: var(--_text);
    font-weight: 600;
  }
  .offline { flex-direction: column; align-items: stretch; gap: 8px; padding: 12px 14px 14px; }
  .offline label { display: flex; flex-direction: column; gap: 3px; font-size: 12.5px; font-weight: 600; color: var(--_muted); }
  .offline input, .offline textarea {
    padding: 7px 10px;
    border: 1px solid var(--_line);
    border-radius: 10px;
    background: var(--_surface);
    font-weight: 400;
    resize: vertical;
  }
  .submit { align-self: flex-end; background: var(--_accent); color: var(--_on-accent); }
  :focus-visible { outline: 2px solid var(--_accent); outline-offset: 2px; }
  textarea:focus-visible, input:focus-visible { outline-offset: -1px; }
  header :focus-visible { outline-color: var(--_on-accent); }
  @media (max-width: 640px) {
    :host { border-radius: 0; }
    textarea, input { font-size: 16px; }
  }
`;

/**
 * One constructable stylesheet shared by every view (Lit adopts it as it is), so the chunk
 * ships no CSS-tag machinery; the widget needs constructable stylesheets anyway.
 */
export const chatViewStyles = new CSSStyleSheet();
chatViewStyles.replaceSync(text);
