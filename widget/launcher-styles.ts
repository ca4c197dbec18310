/**
 * Styles of `<chat-widget>` itself: the launcher button, its unread badge, and where the
 * lazily loaded chat view sits. Plain CSS text for a constructable stylesheet (the loader
 * ships no Lit); adopted into the shadow root, never injected into the host document, so it
 * works under a CSP without 'unsafe-inline'. Host pages move it with `--chat-offset-x/y`.
 */
export const launcherCss = `
:host {
  all: initial;
  --_accent: var(--chat-accent, #4f46e5);
  --_on-accent: var(--chat-accent-contrast, #fff);
  position: fixed;
  z-index: 2147483000;
  right: var(--chat-offset-x, 20px);
  bottom: var(--chat-offset-y, 20px);
  font: 14px/1.4 var(--chat-font, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif);
}
:host([position=left]) { right: auto; left: var(--chat-offset-x, 20px); }
.launcher {
  position: relative;
  display: grid;
  place-items: center;
  width: 58px;
  height: 58px;
  padding: 0;
  border: 0;
  border-radius: 50%;
  background: var(--_accent);
  color: var(--_on-accent);
  box-shadow: 0 6px 20px rgb(17 24 39 / .24), 0 1px 4px rgb(17 24 39 / .12);
  cursor: pointer;
  transition: transform .15s;
}
.launcher:hover { transform: scale(1.06); }
.launcher:focus-visible { outline: 3px solid color-mix(in srgb, var(--_accent) 45%, transparent); outline-offset: 3px; }
.launcher svg { grid-area: 1 / 1; width: 28px; height: 28px; fill: currentColor; transition: .2s; }
.launcher .when-open { opacity: 0; transform: rotate(-90deg) scale(.6); }
:host([open]) .launcher .when-open { opacity: 1; transform: none; }
:host([open]) .launcher .when-closed { opacity: 0; transform: rotate(90deg) scale(.6); }
.badge {
  position: absolute;
  top: -3px;
  right: -3px;
  min-width: 20px;
  height: 20px;
  padding: 0 6px;
  box-sizing: border-box;
  border: 2px solid #fff;
  border-radius: 10px;
  background: #e5484d;
  color: #fff;
  font-size: 11px;
  font-weight: 700;
  line-height: 16px;
  text-align: center;
}
.badge[hidden] { display: none; }
chat-widget-view {
  position: absolute;
  right: 0;
  bottom: 74px;
  width: min(376px, calc(100vw - 40px));
  height: min(640px, calc(100vh - 120px));
  height: min(640px, calc(100dvh - 120px));
}
:host([position=left]) chat-widget-view { right: auto; left: 0; }
chat-widget-view[hidden] { display: none; }
@media (max-width: 640px) {
  :host([open]) chat-widget-view { position: fixed; inset: 0; width: auto; height: auto; }
  :host([open]) .launcher { display: none; }
}
@media (prefers-reduced-motion: reduce) { .launcher, .launcher svg { transition: none; } }
`;
