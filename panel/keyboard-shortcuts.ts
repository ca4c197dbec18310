/**
 * The panel's keyboard shortcuts, defined once: the key handler matches events against this
 * table and the help dialog (`?`) lists it, so what is documented is what works. Keys are
 * matched by `event.code` (the physical key), so they work on every keyboard layout and with
 * Option on a Mac. Alt combinations are used because they work while typing a reply and
 * none of them is a browser shortcut (Alt+digits switch tabs on Linux, so those are avoided).
 */
import { html } from "lit";

export const ShortcutAction = {
  next: "next",
  previous: "previous",
  focusReply: "focusReply",
  close: "close",
  transfer: "transfer",
  claim: "claim",
  help: "help",
} as const;
export type ShortcutAction = (typeof ShortcutAction)[keyof typeof ShortcutAction];

interface Shortcut {
  action: ShortcutAction | null;
  /** The keys as shown to the agent. */
  keys: string[];
  description: string;
  code?: string;
  alt?: boolean;
  shift?: boolean;
  /** Also works while typing in a field (every Alt combination does). */
  whileTyping?: boolean;
}

export const shortcuts: readonly Shortcut[] = [
  {
    action: ShortcutAction.next,
    keys: ["Alt", "↓"],
    description: "Next conversation (inbox, then queue)",
    code: "ArrowDown",
    alt: true,
    whileTyping: true,
  },
  {
    action: ShortcutAction.previous,
    keys: ["Alt", "↑"],
    description: "Previous conversation",
    code: "ArrowUp",
    alt: true,
    whileTyping: true,
  },
  {
    action: ShortcutAction.focusReply,
    keys: ["Alt", "R"],
    description: "Focus the reply box",
    code: "KeyR",
    alt: true,
    whileTyping: true,
  },
  { action: null, keys: ["Enter"], description: "Send the reply (Shift+Enter: new line)" },
  {
    action: ShortcutAction.close,
    keys: ["Alt", "Shift", "C"],
    description: "Close the conversation",
    code: "KeyC",
    alt: true,
    shift: true,
    whileTyping: true,
  },
  {
    action: ShortcutAction.transfer,
    keys: ["Alt", "T"],
    description: "Transfer the conversation",
    code: "KeyT",
    alt: true,
    whileTyping: true,
  },
  {
    action: ShortcutAction.claim,
    keys: ["Alt", "Q"],
    description: "Claim the queued conversation on screen",
    code: "KeyQ",
    alt: true,
    whileTyping: true,
  },
  {
    action: ShortcutAction.help,
    keys: ["?"],
    description: "Show these shortcuts",
    code: "Slash",
    shift: true,
  },
  { action: null, keys: ["Esc"], description: "Close a dialog, or leave the reply box" },
];

/** The action a key press asks for, or null. `typing`: the focus is in a text field. */
export function shortcutFor(event: KeyboardEvent, typing: boolean): ShortcutAction | null {
  if (event.ctrlKey || event.metaKey || event.isComposing) return null;
  for (const shortcut of shortcuts) {
    if (!shortcut.action || shortcut.code !== event.code) continue;
    if (Boolean(shortcut.alt) !== event.altKey || Boolean(shortcut.shift) !== event.shiftKey) continue;
    if (typing && !shortcut.whileTyping) continue;
    return shortcut.action;
  }
  // "?" on layouts where it is not Shift+Slash.
  if (!typing && !event.altKey && event.key === "?") return ShortcutAction.help;
  return null;
}

/** The shortcut list, for the help dialog and the tooltips. */
export function renderShortcutList() {
  return html`<dl class="shortcuts" data-testid="shortcut-list">
    ${shortcuts.map(
      (shortcut) => html`<div>
        <dt>${shortcut.keys.map((key, index) => html`${index > 0 ? "+" : ""}<kbd>${key}</kbd>`)}</dt>
        <dd>${shortcut.description}</dd>
      </div>`,
    )}
  </dl>`;
}

/** "Alt+T", for a button's title. */
export function keysOf(action: ShortcutAction): string {
  return shortcuts.find((shortcut) => shortcut.action === action)?.keys.join("+") ?? "";
}
