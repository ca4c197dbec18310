/**
 * Styles of the agent panel, adopted by Lit into `<agent-panel>`'s shadow root (no inline
 * `<style>`, so the page keeps a strict CSP). Colours are custom properties so a team can
 * rebrand the panel, and follow the system's light or dark mode.
 */
import { css } from "lit";

export const panelStyles = css`
  :host {
    --accent: var(--panel-accent, #4f46e5);
    --on-accent: #fff;
    --bg: #f4f5f9;
    --surface: #fff;
    --raised: #f8f9fc;
    --line: #e4e6ee;
    --text: #1b1f2b;
    --muted: #687086;
    --good: #1f9d55;
    --warn: #d98e04;
    --danger: #d4351c;
    position: fixed;
    inset: 0;
    display: flex;
    flex-direction: column;
    background: var(--bg);
    color: var(--text);
    font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --bg: #0f1117;
      --surface: #181b24;
      --raised: #1e2230;
      --line: #2a2f3e;
      --text: #e9ebf3;
      --muted: #98a0b6;
    }
  }
  * { box-sizing: border-box; }
  button, select, textarea, input { font: inherit; color: inherit; }
  button { cursor: pointer; }
  :focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
  h1, h2, h3, p { margin: 0; }

  /* ---- top bar ---- */
  .topbar {
    display: flex;
    align-items: center;
    gap: 16px;
    height: 60px;
    padding: 0 20px;
    background: var(--surface);
    border-bottom: 1px solid var(--line);
  }
  .brand { display: flex; align-items: center; gap: 10px; font-weight: 700; font-size: 16px; letter-spacing: -0.01em; }
  .mark { display: grid; place-items: center; width: 30px; height: 30px; border-radius: 9px; background: var(--accent); color: var(--on-accent); }
  .mark svg { width: 18px; height: 18px; fill: currentColor; }
  .site { padding: 2px 8px; border-radius: 6px; background: var(--raised); color: var(--muted); font-size: 12px; font-weight: 500; }
  .spacer { flex: 1; }
  .loads { display: flex; gap: 8px; }
  .load { padding: 4px 10px; border: 1px solid var(--line); border-radius: 999px; font-size: 12.5px; color: var(--muted); white-space: nowrap; }
  .load strong { color: var(--text); font-variant-numeric: tabular-nums; }
  .load.full strong { color: var(--danger); }
  .dot { display: inline-block; width: 8px; height: 8px; border-radius: 50%; background: var(--muted); }
  .dot.online, .dot.open { background: var(--good); }
  .dot.away, .dot.connecting, .dot.waiting { background: var(--warn); }
  .presence { display: flex; align-items: center; gap: 8px; padding: 5px 10px; border: 1px solid var(--line); border-radius: 10px; background: var(--surface); }
  .presence select { border: 0; background: transparent; font-weight: 600; outline: none; }
  .me { display: flex; align-items: center; gap: 8px; font-weight: 600; }
  .avatar {
    flex: none;
    display: grid;
    place-items: center;
    width: 34px;
    height: 34px;
    border-radius: 50%;
    background: color-mix(in srgb, var(--accent) 14%, var(--surface));
    color: var(--accent);
    font-size: 12.5px;
    font-weight: 700;
  }
  .ghost { padding: 7px 12px; border: 1px solid var(--line); border-radius: 9px; background: var(--surface); font-weight: 500; }
  .ghost:hover { background: var(--raised); }
  .primary { padding: 7px 14px; border: 0; border-radius: 9px; background: var(--accent); color: var(--on-accent); font-weight: 600; }
  .primary:hover { background: color-mix(in srgb, var(--accent) 88%, #000); }
  .primary:disabled { opacity: 0.4; cursor: default; }

  /* ---- layout ---- */
  .desk { flex: 1; display: grid; grid-template-columns: 330px 1fr; min-height: 0; }
  aside { display: flex; flex-direction: column; gap: 20px; padding: 18px 14px; overflow-y: auto; border-right: 1px solid var(--line); background: var(--surface); }
  main { display: flex; flex-direction: column; min-width: 0; min-height: 0; }

  /* ---- lists ---- */
  .list-title { display: flex; align-items: center; justify-content: space-between; margin: 0 6px 8px; font-size: 12px; font-weight: 700; letter-spacing: 0.06em; text-transform: uppercase; color: var(--muted); }
  .count { min-width: 22px; padding: 1px 7px; border-radius: 999px; background: var(--raised); text-align: center; letter-spacing: 0; }
  ul { display: flex; flex-direction: column; gap: 4px; margin: 0; padding: 0; list-style: none; }
  .empty { padding: 14px 6px; color: var(--muted); font-size: 13px; }
  .item { display: flex; align-items: center; gap: 8px; border-radius: 12px; }
  .item:hover { background: var(--raised); }
  .item.selected { background: color-mix(in srgb, var(--accent) 10%, var(--surface)); }
  .pick { flex: 1; min-width: 0; display: flex; align-items: center; gap: 10px; padding: 10px 8px; border: 0; background: none; text-align: left; }
  .summary { flex: 1; min-width: 0; display: flex; flex-direction: column; gap: 2px; }
  .line { display: flex; align-items: baseline; gap: 8px; }
  .name { flex: 1; min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; font-weight: 600; }
  .wait { flex: none; font-size: 12px; color: var(--muted); font-variant-numeric: tabular-nums; }
  .wait.long { color: var(--danger); font-weight: 600; }
  .preview { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; color: var(--muted); font-size: 13px; }
  .unread { flex: none; min-width: 20px; padding: 0 6px; border-radius: 10px; background: var(--accent); color: var(--on-accent); font-size: 11.5px; font-weight: 700; line-height: 20px; text-align: center; }
  .claim { flex: none; margin-right: 8px; padding: 5px 12px; font-size: 13px; }

  /* ---- conversation ---- */
  .conversation-head { display: flex; align-items: center; gap: 12px; padding: 14px 22px; background: var(--surface); border-bottom: 1px solid var(--line); }
  .conversation-head h2 { font-size: 16px; }
  .details { color: var(--muted); font-size: 12.5px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  .title { flex: 1; min-width: 0; }
  .state { padding: 2px 8px; border-radius: 6px; font-size: 12px; font-weight: 600; background: var(--raised); color: var(--muted); }
  .state.assigned { background: color-mix(in srgb, var(--good) 14%, var(--surface)); color: var(--good); }
  .state.queued { background: color-mix(in srgb, var(--warn) 16%, var(--surface)); color: var(--warn); }
  .transcript { flex: 1; display: flex; flex-direction: column; gap: 4px; margin: 0; padding: 22px; overflow-y: auto; list-style: none; }
  .msg { display: flex; flex-direction: column; max-width: min(72%, 640px); }
  .msg.visitor { align-self: flex-start; align-items: flex-start; }
  .msg.agent { align-self: flex-end; align-items: flex-end; }
  .msg.system { align-self: center; color: var(--muted); font-size: 12.5px; }
  .msg.visitor + .msg.agent, .msg.agent + .msg.visitor { margin-top: 10px; }
  .bubble { padding: 9px 14px; border-radius: 16px; background: var(--surface); border: 1px solid var(--line); white-space: pre-wrap; overflow-wrap: anywhere; }
  .visitor .bubble { border-bottom-left-radius: 5px; }
  .agent .bubble { background: var(--accent); border-color: transparent; color: var(--on-accent); border-bottom-right-radius: 5px; }
  .agent.sending .bubble { opacity: 0.7; }
  .agent.failed .bubble { background: color-mix(in srgb, var(--danger) 14%, var(--surface)); color: var(--text); }
  .system .bubble { background: none; border: 0; padding: 2px; }
  .meta { margin: 3px 4px 0; font-size: 11.5px; color: var(--muted); }
  .failed .meta { color: var(--danger); }
  .link { padding: 0; margin-left: 6px; border: 0; background: none; color: var(--accent); font-weight: 600; text-decoration: underline; }
  .typing { padding: 0 22px 6px; min-height: 24px; color: var(--muted); font-size: 12.5px; font-style: italic; }
  .composer { display: flex; align-items: flex-end; gap: 10px; margin: 0 18px 18px; padding: 10px 10px 10px 16px; border: 1px solid var(--line); border-radius: 14px; background: var(--surface); box-shadow: 0 1px 3px rgb(17 24 39 / 0.05); }
  .composer:focus-within { border-color: color-mix(in srgb, var(--accent) 55%, var(--line)); }
  .composer textarea { flex: 1; min-height: 40px; max-height: 160px; padding: 8px 0; border: 0; outline: none; resize: none; background: transparent; field-sizing: content; }
  .hint { margin: -12px 20px 12px; color: var(--muted); font-size: 11.5px; }
  .bar { display: flex; align-items: center; justify-content: center; gap: 12px; margin: 0 18px 18px; padding: 14px; border: 1px dashed var(--line); border-radius: 14px; color: var(--muted); }
  .placeholder { flex: 1; display: grid; place-content: center; gap: 6px; text-align: center; color: var(--muted); }
  .placeholder h2 { color: var(--text); font-size: 17px; }

  /* ---- notices ---- */
  .banner { padding: 8px 20px; background: color-mix(in srgb, var(--warn) 16%, var(--surface)); color: var(--text); font-size: 13px; text-align: center; }
  .toast { position: fixed; left: 50%; bottom: 24px; transform: translateX(-50%); padding: 10px 16px; border-radius: 10px; background: #1b1f2b; color: #fff; box-shadow: 0 8px 24px rgb(0 0 0 / 0.2); }

  /* ---- sign in ---- */
  .signin { flex: 1; display: grid; place-items: center; padding: 24px; }
  .card { width: min(420px, 100%); display: flex; flex-direction: column; gap: 14px; padding: 32px; border: 1px solid var(--line); border-radius: 18px; background: var(--surface); box-shadow: 0 12px 40px rgb(17 24 39 / 0.08); }
  .card h1 { font-size: 20px; }
  .card p { color: var(--muted); }
  .card input { width: 100%; padding: 10px 12px; border: 1px solid var(--line); border-radius: 10px; background: var(--raised); }
  .card .error { color: var(--danger); font-weight: 500; }

  @media (max-width: 760px) {
    .desk { grid-template-columns: 1fr; grid-template-rows: auto 1fr; }
    aside { max-height: 40vh; border-right: 0; border-bottom: 1px solid var(--line); }
    .loads, .me span { display: none; }
  }
`;
