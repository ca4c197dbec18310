/**
 * Styles of the agent panel, adopted by Lit into the shadow roots (no inline `<style>` and
 * no `style` attributes, so the page keeps a strict CSP). `baseStyles` (colours, controls)
 * is shared with `<team-settings-form>`; `panelStyles` lays out `<agent-panel>`. Colours are
 * custom properties so a team can rebrand the panel, and follow the system's light or dark mode.
 */
import { css } from "lit";

export const baseStyles = css`
  :host {
    --accent: var(--panel-accent, #4f46e5);
    --on-accent: #fff;
    --bg: #f4f5f9;
    --surface: #fff;
    --raised: #f8f9fc;
    --line: #e4e6ee;
    --text: #1b1f2b;
    --muted: #596074;
    --good: #1f9d55;
    --warn: #b7791f;
    --danger: #d4351c;
    /* Text in these colours sits on their own tints: darker than the dots and fills, for 4.5:1. */
    --accent-text: var(--panel-accent-text, color-mix(in srgb, var(--accent) 88%, #000));
    --good-text: #146c3a;
    --warn-text: #85560f;
    --danger-text: #b3261e;
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
      --muted: #a3abc0;
      --accent-text: var(--panel-accent-text, color-mix(in srgb, var(--accent) 40%, #fff));
      --good-text: #5fd68f;
      --warn-text: #f0b95a;
      --danger-text: #ff8a78;
    }
  }
  * { box-sizing: border-box; }
  button, select, textarea, input { font: inherit; color: inherit; }
  button { cursor: pointer; }
  :focus-visible { outline: 2px solid var(--accent-text); outline-offset: 2px; }
  /* The hidden attribute wins over a display set here (tab panels, the drawer). */
  [hidden] { display: none !important; }
  h1, h2, h3, h4, p { margin: 0; }
  .muted { color: var(--muted); }
  .spacer { flex: 1; }
  .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
  kbd { display: inline-block; min-width: 1.6em; padding: 0 5px; border: 1px solid var(--line); border-bottom-width: 2px; border-radius: 5px; background: var(--surface); font: 600 11.5px/1.6 ui-monospace, monospace; text-align: center; }
  code { font: 12.5px ui-monospace, SFMono-Regular, Menlo, monospace; }
  .ghost { padding: 7px 12px; border: 1px solid var(--line); border-radius: 9px; background: var(--surface); font-weight: 500; }
  .ghost:hover:not(:disabled) { background: var(--raised); }
  .ghost.danger { color: var(--danger-text); }
  .ghost.small { padding: 4px 10px; font-size: 12.5px; }
  .primary { padding: 7px 14px; border: 0; border-radius: 9px; background: var(--accent); color: var(--on-accent); font-weight: 600; }
  .primary:hover:not(:disabled) { background: color-mix(in srgb, var(--accent) 88%, #000); }
  button:disabled { opacity: 0.45; cursor: default; }
  input, select, textarea { padding: 7px 10px; border: 1px solid var(--line); border-radius: 9px; background: var(--surface); }
  input[type="checkbox"], input[type="radio"] { padding: 0; accent-color: var(--accent); }
  .dot { display: inline-block; flex: none; width: 8px; height: 8px; border-radius: 50%; background: var(--muted); }
  .dot.online, .dot.open { background: var(--good); }
  .dot.away, .dot.connecting, .dot.waiting { background: var(--warn); }
  .badge { display: inline-block; padding: 1px 8px; border-radius: 999px; background: var(--raised); color: var(--muted); font-size: 12px; font-weight: 600; }
  .badge.returning { background: color-mix(in srgb, var(--accent) 14%, var(--surface)); color: var(--accent-text); }
  .badge.verified { background: color-mix(in srgb, var(--good) 15%, var(--surface)); color: var(--good-text); }
  .badge.unverified { background: color-mix(in srgb, var(--warn) 18%, var(--surface)); color: var(--warn-text); }
  .list-title { display: flex; align-items: center; gap: 8px; margin: 0 6px 8px; font-size: 12px; font-weight: 700; letter-spacing: 0.06em; text-transform: uppercase; color: var(--muted); }
  .list-title > span:first-child { flex: 1; }
  .count { min-width: 22px; padding: 1px 7px; border-radius: 999px; background: var(--raised); text-align: center; letter-spacing: 0; text-transform: none; font-weight: 600; }
  .callout { margin: 12px 22px 0; padding: 10px 14px; border-radius: 12px; background: color-mix(in srgb, var(--warn) 12%, var(--surface)); font-size: 13px; }
  .callout.rating { background: color-mix(in srgb, var(--accent) 10%, var(--surface)); }
  .stars { margin: 0 4px; color: var(--warn); letter-spacing: 1px; }
  .form-error { margin-bottom: 16px; padding: 10px 14px; border-radius: 12px; background: color-mix(in srgb, var(--danger) 12%, var(--surface)); color: var(--danger-text); font-weight: 600; }
`;

export const panelStyles = css`
  :host { position: fixed; inset: 0; display: flex; flex-direction: column; background: var(--bg); }

  /* ---- top bar ---- */
  /* Wraps onto a second row rather than overflowing on narrow screens. */
  .topbar { flex: none; display: flex; flex-wrap: wrap; align-items: center; gap: 8px 14px; min-height: 60px; padding: 12px 20px; background: var(--surface); border-bottom: 1px solid var(--line); }
  .brand { display: flex; align-items: center; gap: 10px; font-weight: 700; font-size: 16px; letter-spacing: -0.01em; }
  .mark { display: grid; place-items: center; width: 30px; height: 30px; border-radius: 9px; background: var(--accent); color: var(--on-accent); }
  .mark svg { width: 18px; height: 18px; fill: currentColor; }
  .site { padding: 2px 8px; border-radius: 6px; background: var(--raised); color: var(--muted); font-size: 12px; font-weight: 500; }
  nav.views { display: flex; gap: 4px; margin-left: 12px; }
  nav.views button { padding: 6px 12px; border: 0; border-radius: 8px; background: none; color: var(--muted); font-weight: 600; }
  nav.views button[aria-current="page"] { background: color-mix(in srgb, var(--accent) 12%, var(--surface)); color: var(--accent-text); }
  .loads { display: flex; flex-wrap: wrap; gap: 8px; }
  .load { display: flex; align-items: center; gap: 6px; padding: 4px 10px; border: 1px solid var(--line); border-radius: 999px; font-size: 12.5px; color: var(--muted); white-space: nowrap; }
  .load strong { color: var(--text); font-variant-numeric: tabular-nums; }
  .load.full strong { color: var(--danger-text); }
  .presence { display: flex; align-items: center; gap: 8px; padding: 3px 4px 3px 10px; border: 1px solid var(--line); border-radius: 10px; background: var(--surface); }
  .presence select { padding: 3px 4px; border: 0; border-radius: 6px; background: transparent; font-weight: 600; }
  .me { display: flex; align-items: center; gap: 8px; font-weight: 600; }
  .icon-button { display: grid; place-items: center; width: 34px; height: 34px; padding: 0; border: 1px solid var(--line); border-radius: 9px; background: var(--surface); color: var(--muted); }
  .icon-button.on { color: var(--accent-text); border-color: color-mix(in srgb, var(--accent) 40%, var(--line)); }
  .icon-button svg { width: 18px; height: 18px; fill: none; stroke: currentColor; stroke-width: 2; stroke-linecap: round; stroke-linejoin: round; }
  .avatar { flex: none; display: grid; place-items: center; width: 34px; height: 34px; border-radius: 50%; background: color-mix(in srgb, var(--accent) 14%, var(--surface)); color: var(--accent-text); font-size: 12.5px; font-weight: 700; }

  /* ---- layout ---- */
  .desk { flex: 1; display: grid; grid-template-columns: 330px 1fr; min-height: 0; }
  aside.lists { display: flex; flex-direction: column; gap: 20px; padding: 18px 14px; overflow-y: auto; border-right: 1px solid var(--line); background: var(--surface); }
  main { flex: 1; display: flex; min-width: 0; min-height: 0; }
  .conversation { flex: 1; display: flex; flex-direction: column; min-width: 0; min-height: 0; }

  /* ---- lists ---- */
  ul { display: flex; flex-direction: column; gap: 4px; margin: 0; padding: 0; list-style: none; }
  .empty { padding: 14px 6px; color: var(--muted); font-size: 13px; }
  .item { display: flex; align-items: center; gap: 8px; border-radius: 12px; }
  .item:hover { background: var(--raised); }
  .item.selected { background: color-mix(in srgb, var(--accent) 10%, var(--surface)); }
  .pick { flex: 1; min-width: 0; display: flex; align-items: center; gap: 10px; padding: 10px 8px; border: 0; background: none; text-align: left; }
  .position { flex: none; display: grid; place-items: center; width: 34px; height: 34px; border-radius: 10px; background: color-mix(in srgb, var(--warn) 16%, var(--surface)); color: var(--warn-text); font-weight: 700; font-size: 13px; }
  .summary { flex: 1; min-width: 0; display: flex; flex-direction: column; gap: 2px; }
  .line { display: flex; align-items: baseline; gap: 8px; }
  .name { flex: 1; min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; font-weight: 600; }
  .wait { flex: none; font-size: 12px; color: var(--muted); font-variant-numeric: tabular-nums; }
  .wait.long { color: var(--danger-text); font-weight: 600; }
  .tags { display: flex; align-items: center; gap: 4px; min-width: 0; }
  .tag { flex: none; padding: 0 6px; border-radius: 5px; background: var(--raised); border: 1px solid var(--line); color: var(--muted); font-size: 11px; font-weight: 600; line-height: 17px; }
  .tag.priority { background: color-mix(in srgb, var(--danger) 12%, var(--surface)); border-color: transparent; color: var(--danger-text); }
  .tag.offline { background: color-mix(in srgb, var(--warn) 14%, var(--surface)); border-color: transparent; color: var(--warn-text); }
  .preview { min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; color: var(--muted); font-size: 13px; }
  .unread { flex: none; min-width: 20px; margin-right: 8px; padding: 0 6px; border-radius: 10px; background: var(--accent); color: var(--on-accent); font-size: 11.5px; font-weight: 700; line-height: 20px; text-align: center; }
  .claim { flex: none; margin-right: 8px; padding: 5px 12px; font-size: 13px; }
  .mini-presence { flex: none; padding: 1px 4px; font-size: 11.5px; text-transform: none; letter-spacing: 0; }

  /* ---- conversation ---- */
  .conversation-head { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 12px; padding: 12px 22px; background: var(--surface); border-bottom: 1px solid var(--line); }
  .conversation-head h2 { font-size: 16px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  .details { color: var(--muted); font-size: 12.5px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  /* Room for a name on one line; the actions wrap below it before the name is cut short. */
  .title { flex: 1 1 140px; min-width: 0; }
  .details .state { margin-right: 4px; }
  .actions { display: flex; flex-wrap: wrap; gap: 6px; }
  .details-toggle, .drawer-close { display: none; }
  .state { padding: 2px 8px; border-radius: 6px; font-size: 12px; font-weight: 600; background: var(--raised); color: var(--muted); text-transform: capitalize; }
  .state.assigned { background: color-mix(in srgb, var(--good) 14%, var(--surface)); color: var(--good-text); }
  .state.queued { background: color-mix(in srgb, var(--warn) 16%, var(--surface)); color: var(--warn-text); }
  .transcript { flex: 1; display: flex; flex-direction: column; gap: 4px; margin: 0; padding: 22px; overflow-y: auto; list-style: none; }
  .transcript:focus-visible { outline-offset: -2px; }
  .msg { display: flex; flex-direction: column; max-width: min(72%, 640px); }
  .msg.visitor { align-self: flex-start; align-items: flex-start; }
  .msg.agent { align-self: flex-end; align-items: flex-end; }
  .msg.system { align-self: center; align-items: center; max-width: min(80%, 560px); margin: 8px 0; text-align: center; }
  .msg.visitor + .msg.agent, .msg.agent + .msg.visitor { margin-top: 10px; }
  .bubble { padding: 9px 14px; border-radius: 16px; background: var(--surface); border: 1px solid var(--line); white-space: pre-wrap; overflow-wrap: anywhere; }
  .visitor .bubble { border-bottom-left-radius: 5px; }
  .agent .bubble { background: var(--accent); border-color: transparent; color: var(--on-accent); border-bottom-right-radius: 5px; }
  .agent.sending .bubble { opacity: 0.7; }
  .agent.failed .bubble { background: color-mix(in srgb, var(--danger) 14%, var(--surface)); color: var(--text); }
  .system .bubble { padding: 5px 12px; border: 0; border-radius: 999px; background: var(--raised); color: var(--muted); font-size: 12.5px; }
  .meta { margin: 3px 4px 0; font-size: 11.5px; color: var(--muted); }
  .system .meta { display: none; }
  .failed .meta { color: var(--danger-text); }
  .link { padding: 0; margin-left: 6px; border: 0; background: none; color: var(--accent-text); font-weight: 600; text-decoration: underline; }
  .typing { padding: 0 22px 6px; min-height: 24px; color: var(--muted); font-size: 12.5px; font-style: italic; }
  .composer { display: flex; align-items: flex-end; gap: 10px; margin: 0 18px 16px; padding: 10px 10px 10px 16px; border: 1px solid var(--line); border-radius: 14px; background: var(--surface); box-shadow: 0 1px 3px rgb(17 24 39 / 0.05); }
  /* The reply box rings as a whole: the text area inside has no outline of its own. */
  .composer:focus-within { border-color: var(--accent-text); outline: 2px solid var(--accent-text); outline-offset: 1px; }
  .composer textarea { flex: 1; min-height: 40px; max-height: 160px; padding: 8px 0; border: 0; border-radius: 0; outline: none; resize: none; background: transparent; field-sizing: content; }
  .hint { margin: -8px 20px 12px; color: var(--muted); font-size: 11.5px; }
  .hint kbd { font-size: 10.5px; }
  .bar { display: flex; align-items: center; justify-content: center; gap: 12px; margin: 0 18px 18px; padding: 14px; border: 1px dashed var(--line); border-radius: 14px; color: var(--muted); }
  .placeholder { flex: 1; display: grid; place-content: center; gap: 8px; text-align: center; color: var(--muted); }
  .placeholder h2 { color: var(--text); font-size: 17px; }

  /* ---- visitor details ---- */
  .details-panel { flex: none; width: 290px; display: flex; flex-direction: column; gap: 18px; padding: 18px 14px; overflow-y: auto; border-left: 1px solid var(--line); background: var(--surface); font-size: 13px; }
  .details-panel .callout { margin: 0; }
  .details-panel section > p { margin: 0 6px 8px; }
  .facts { display: flex; flex-direction: column; gap: 6px; margin: 0 6px; }
  .facts div { display: grid; grid-template-columns: 96px 1fr; gap: 8px; }
  .facts dt { color: var(--muted); overflow-wrap: anywhere; }
  .facts dd { margin: 0; overflow-wrap: anywhere; }
  .facts.hints dd { color: var(--warn-text); }
  /* It is a popover (a drawer when narrow); wide, it stays a column in the page's flow. */
  .details-panel[popover] { position: static; inset: auto; height: auto; margin: 0; border: 0; border-left: 1px solid var(--line); color: inherit; }
  .details-panel::backdrop { background: rgb(15 17 23 / 0.4); }

  /* ---- team view ---- */
  .page { flex: 1; display: flex; flex-direction: column; gap: 18px; min-width: 0; padding: 22px 28px; overflow-y: auto; }
  .page-head { display: flex; flex-wrap: wrap; align-items: center; gap: 12px; }
  .page-head h2 { font-size: 19px; }
  .kpis { display: grid; grid-template-columns: repeat(auto-fit, minmax(160px, 1fr)); gap: 12px; }
  .kpi { display: flex; flex-direction: column; gap: 4px; padding: 14px 16px; border: 1px solid var(--line); border-radius: 14px; background: var(--surface); }
  .kpi-label { color: var(--muted); font-size: 12.5px; }
  .kpi strong { font-size: 24px; font-variant-numeric: tabular-nums; letter-spacing: -0.02em; }
  .cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(380px, 100%), 1fr)); gap: 12px; align-items: start; }
  .card-box { padding: 16px 14px; border: 1px solid var(--line); border-radius: 14px; background: var(--surface); }
  table.agents { width: 100%; border-collapse: collapse; }
  .agents th { padding: 6px; color: var(--muted); font-size: 12px; font-weight: 600; text-align: left; }
  .agents td { padding: 8px 6px; border-top: 1px solid var(--line); }
  .load-cell { display: flex; align-items: center; gap: 8px; font-variant-numeric: tabular-nums; white-space: nowrap; }
  .meter { width: 90px; height: 8px; }
  .meter .track { fill: var(--raised); stroke: var(--line); }
  .meter .fill { fill: var(--good); }
  .load-cell.full .meter .fill { fill: var(--danger); }
  .chart { width: 100%; height: auto; }
  .chart .axis { stroke: var(--line); }
  .chart .bar { fill: color-mix(in srgb, var(--accent) 55%, var(--surface)); }
  .chart .bar.now { fill: var(--accent); }
  .chart text { fill: var(--muted); font-size: 10px; }
  .chart .value { fill: var(--text); font-weight: 600; }

  /* ---- dialogs and notices ---- */
  dialog.modal { width: min(480px, calc(100vw - 32px)); padding: 22px; border: 1px solid var(--line); border-radius: 16px; background: var(--surface); color: var(--text); box-shadow: 0 20px 60px rgb(0 0 0 / 0.25); }
  dialog.modal::backdrop { background: rgb(15 17 23 / 0.45); }
  dialog form { display: flex; flex-direction: column; gap: 14px; }
  dialog h2 { font-size: 17px; }
  fieldset { display: flex; flex-direction: column; gap: 4px; margin: 0; padding: 0; border: 0; }
  legend { margin-bottom: 6px; color: var(--muted); font-size: 12px; font-weight: 700; letter-spacing: 0.05em; text-transform: uppercase; }
  .choice { display: flex; align-items: center; gap: 10px; padding: 8px 10px; border: 1px solid var(--line); border-radius: 10px; }
  .choice:has(input:checked) { border-color: var(--accent); background: color-mix(in srgb, var(--accent) 7%, var(--surface)); }
  /* Greyed by colour, not opacity, so the text keeps its contrast. */
  .choice.unavailable { border-style: dashed; background: var(--raised); color: var(--muted); }
  .choice .grow { flex: 1; font-weight: 600; }
  .choice .inline { width: 140px; padding: 4px 8px; }
  .field { display: flex; flex-direction: column; gap: 6px; }
  .field textarea { resize: vertical; }
  .dialog-actions { display: flex; justify-content: flex-end; gap: 8px; }
  .shortcuts { display: flex; flex-direction: column; gap: 8px; margin: 0; }
  .shortcuts div { display: grid; grid-template-columns: 140px 1fr; gap: 10px; align-items: center; }
  .shortcuts dt { white-space: nowrap; }
  .shortcuts dd { margin: 0; }
  .banner { flex: none; padding: 8px 20px; background: color-mix(in srgb, var(--warn) 16%, var(--surface)); color: var(--text); font-size: 13px; text-align: center; }
  .toast { position: fixed; left: 50%; bottom: 24px; transform: translateX(-50%); padding: 10px 16px; border-radius: 10px; background: #1b1f2b; color: #fff; box-shadow: 0 8px 24px rgb(0 0 0 / 0.2); }
  team-settings-form { display: block; }

  /* ---- sign in ---- */
  .signin { flex: 1; display: grid; place-items: center; padding: 24px; }
  .card { width: min(420px, 100%); display: flex; flex-direction: column; gap: 14px; padding: 32px; border: 1px solid var(--line); border-radius: 18px; background: var(--surface); box-shadow: 0 12px 40px rgb(17 24 39 / 0.08); }
  .card h1 { font-size: 20px; }
  .card p { color: var(--muted); }
  .card input { width: 100%; padding: 10px 12px; background: var(--raised); }
  .card .error { color: var(--danger-text); font-weight: 500; }

  /* Narrower than a list, a transcript and a details column: the details become a drawer. */
  @media (max-width: 1100px) {
    .details-toggle { display: inline-block; }
    .details-panel:not(:popover-open) { display: none; }
    .details-panel:popover-open { position: fixed; inset: 0 0 0 auto; width: min(340px, 100vw); height: 100%; max-height: none; box-shadow: -12px 0 40px rgb(0 0 0 / 0.2); }
    .drawer-close { display: inline-block; }
    .topbar { gap: 8px 10px; padding: 12px 16px; }
    .brand-name, .me span:not(.avatar) { display: none; }
    .desk { grid-template-columns: 280px 1fr; }
  }
  @media (max-width: 760px) {
    .topbar { padding: 8px 12px; gap: 8px; }
    nav.views { order: 1; margin-left: 0; }
    nav.views button { padding: 6px 8px; }
    .loads { order: 1; }
    .desk { grid-template-columns: 1fr; grid-template-rows: auto 1fr; }
    aside.lists { max-height: 32vh; padding: 12px 10px; border-right: 0; border-bottom: 1px solid var(--line); }
    .conversation-head { padding: 10px 14px; }
    .transcript { padding: 14px; }
    .msg { max-width: 88%; }
    .composer { margin: 0 10px 12px; }
    .hint { display: none; }
    .page { padding: 16px 14px; }
  }
  /* A phone: one row of controls, one of views and loads; the names are in the titles. */
  @media (max-width: 480px) {
    .load-team { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
    .me, .shortcuts-toggle { display: none; }
    .meter { width: 56px; }
  }
`;
