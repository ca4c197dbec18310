/**
 * Styles of the open chat (`<chat-widget-view>`), adopted into its shadow root by Lit, so
 * nothing reaches the host page. Themed by the host page through inherited custom
 * properties (`--chat-accent` and friends) and `::part`; light or dark follows the system.
 */
import { css } from "lit";

export const chatViewStyles = css`
  :host {
    --_accent: var(--chat-accent, #4f46e5);
    --_on-accent: var(--chat-accent-contrast, #fff);
    --_bg: var(--chat-bg, #fff);
    --_surface: var(--chat-surface, #f5f6fa);
    --_bubble: var(--chat-bubble, #fff);
    --_text: var(--chat-text, #1c2030);
    --_muted: var(--chat-muted, #6b7185);
    --_line: var(--chat-line, #e4e6ee);
    --_danger: var(--chat-danger, #d4351c);
    display: flex;
    flex-direction: column;
    overflow: hidden;
    box-sizing: border-box;
    background: var(--_bg);
    color: var(--_text);
    border-radius: var(--chat-radius, 18px);
    box-shadow: 0 18px 50px rgb(17 24 39 / 0.22), 0 2px 8px rgb(17 24 39 / 0.08);
    font: 14px/1.45 var(--chat-font, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif);
    animation: rise 0.18s ease-out;
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --_bg: var(--chat-bg, #171a23);
      --_surface: var(--chat-surface, #11131a);
      --_bubble: var(--chat-bubble, #232735);
      --_text: var(--chat-text, #eceef5);
      --_muted: var(--chat-muted, #9aa0b4);
      --_line: var(--chat-line, #2b3040);
    }
  }
  @keyframes rise {
    from { opacity: 0; transform: translateY(10px) scale(0.98); }
  }
  @media (prefers-reduced-motion: reduce) {
    :host, .dots i { animation: none; }
  }
  header {
    display: flex;
    align-items: center;
    gap: 12px;
    padding: 16px 14px 16px 18px;
    background: linear-gradient(135deg, var(--_accent), color-mix(in srgb, var(--_accent) 70%, #000));
    color: var(--_on-accent);
  }
  .avatar {
    flex: none;
    display: grid;
    place-items: center;
    width: 40px;
    height: 40px;
    border-radius: 50%;
    background: rgb(255 255 255 / 0.18);
    font-weight: 600;
  }
  .avatar svg { width: 22px; height: 22px; fill: currentColor; }
  .heading { flex: 1; min-width: 0; }
  h2 { margin: 0; font-size: 16px; font-weight: 650; letter-spacing: -0.01em; }
  .status { margin: 2px 0 0; font-size: 12.5px; opacity: 0.88; }
  button { font: inherit; color: inherit; cursor: pointer; }
  .close {
    flex: none;
    display: grid;
    place-items: center;
    width: 34px;
    height: 34px;
    border: 0;
    border-radius: 50%;
    background: transparent;
  }
  .close:hover, .close:focus-visible { background: rgb(255 255 255 / 0.18); }
  .close svg { width: 20px; height: 20px; fill: currentColor; }
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
  li { display: flex; flex-direction: column; max-width: 80%; }
  li.visitor { align-self: flex-end; align-items: flex-end; }
  li.agent, li.greeting, li.typing { align-self: flex-start; align-items: flex-start; }
  li.system { align-self: center; max-width: 90%; text-align: center; color: var(--_muted); font-size: 12.5px; margin: 6px 0; }
  li + li.agent:not(.agent + .agent), li + li.visitor:not(.visitor + .visitor) { margin-top: 8px; }
  .divider { align-self: stretch; max-width: none; display: flex; align-items: center; gap: 10px; }
  .divider::before, .divider::after { content: ""; flex: 1; border-top: 1px solid var(--_line); }
  .author { margin: 0 0 2px 4px; font-size: 12px; color: var(--_muted); }
  .bubble {
    margin: 0;
    padding: 8px 13px;
    border-radius: 16px;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
    background: var(--_bubble);
    box-shadow: 0 1px 2px rgb(17 24 39 / 0.08);
  }
  .agent .bubble, .greeting .bubble, .typing .bubble { border-bottom-left-radius: 5px; }
  .visitor .bubble { background: var(--_accent); color: var(--_on-accent); border-bottom-right-radius: 5px; }
  .visitor.sending .bubble { opacity: 0.7; }
  .visitor.failed .bubble { background: color-mix(in srgb, var(--_danger) 14%, var(--_bubble)); color: var(--_text); }
  .system .bubble { background: none; box-shadow: none; padding: 0; }
  .meta { margin: 2px 4px 0; font-size: 11px; color: var(--_muted); }
  .failed .meta { color: var(--_danger); }
  .retry { margin-left: 6px; padding: 0; border: 0; background: none; color: var(--_accent); font-weight: 600; text-decoration: underline; }
  .dots { display: inline-flex; gap: 4px; padding: 4px 0; }
  .dots i { width: 6px; height: 6px; border-radius: 50%; background: var(--_muted); animation: blink 1.2s infinite; }
  .dots i:nth-child(2) { animation-delay: 0.2s; }
  .dots i:nth-child(3) { animation-delay: 0.4s; }
  @keyframes blink { 50% { opacity: 0.25; } }
  form {
    display: flex;
    align-items: flex-end;
    gap: 8px;
    padding: 10px 10px 10px 14px;
    border-top: 1px solid var(--_line);
    background: var(--_bg);
  }
  textarea {
    flex: 1;
    min-height: 24px;
    max-height: 120px;
    margin: 0;
    padding: 7px 0;
    border: 0;
    outline: none;
    resize: none;
    background: transparent;
    color: inherit;
    font: inherit;
    field-sizing: content;
  }
  textarea::placeholder { color: var(--_muted); }
  textarea:focus-visible { outline: none; }
  form:focus-within { box-shadow: inset 0 2px 0 -1px color-mix(in srgb, var(--_accent) 60%, transparent); }
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
    transition: transform 0.1s, opacity 0.1s;
  }
  .send:disabled { opacity: 0.35; cursor: default; }
  .send:not(:disabled):active { transform: scale(0.94); }
  .send svg { width: 18px; height: 18px; fill: currentColor; }
  :focus-visible { outline: 2px solid var(--_accent); outline-offset: 2px; }
  header :focus-visible { outline-color: var(--_on-accent); }
  @media (max-width: 640px) {
    :host { border-radius: 0; }
    textarea { font-size: 16px; }
  }
`;
