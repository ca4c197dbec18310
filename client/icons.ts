/**
 * SVG path data of the widget's icons (Material Symbols shapes), shared by the plain-DOM
 * launcher, the Lit view and the agent panel. Each is its own constant so a bundle ships only
 * the paths it uses (an object's unused properties are not tree-shaken; its constants are).
 */
export const chatIcon =
  "M20 2H4a2 2 0 0 0-2 2v18l4-4h14a2 2 0 0 0 2-2V4a2 2 0 0 0-2-2Zm-3 11H7v-2h10v2Zm0-3H7V8h10v2Z";
export const closeIcon =
  "M19 6.41 17.59 5 12 10.59 6.41 5 5 6.41 10.59 12 5 17.59 6.41 19 12 13.41 17.59 19 19 17.59 13.41 12z";
export const minimizeIcon = "M7.41 8.59 12 13.17l4.59-4.58L18 10l-6 6-6-6z";
export const sendIcon = "M2 21 23 12 2 3v7l15 2-15 2z";
/** A paperclip: attach a file. */
export const attachIcon =
  "M16.5 6v11.5a4 4 0 0 1-8 0V5a2.5 2.5 0 0 1 5 0v10.5a1 1 0 0 1-2 0V6H10v9.5a2.5 2.5 0 0 0 5 0V5a4 4 0 0 0-8 0v12.5a5.5 5.5 0 0 0 11 0V6z";

/** All of them by name, for the panel. */
export const iconPaths = {
  chat: chatIcon,
  close: closeIcon,
  minimize: minimizeIcon,
  send: sendIcon,
} as const;
