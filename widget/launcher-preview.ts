/**
 * The preview beside the launcher: the latest agent message the visitor has not seen (author
 * and first line), on every page until it is read. The chat view imports this chunk only when
 * there is something to preview, so neither the loader nor a first-time visitor's chat pays
 * for it. It draws into the loader's empty `part="preview"` box, in a shadow root of its own
 * (with its own constructable sheet: no inline style, so strict CSPs hold).
 *
 * Keyboard and screen readers: two buttons in the Tab order before the launcher (the preview
 * opens the chat, ✕ dismisses it, which counts as read); the box is a polite live region, so
 * a new preview is said once.
 */
import type { ChatMessage } from "../protocol/wire";

const css = `
:host { position: absolute; right: 0; bottom: 74px; }
:host(.left) { right: auto; left: 0; }
div { display: flex; gap: 6px; width: max-content; max-width: min(300px, calc(100vw - 40px)); padding: 12px;
  border-radius: 12px; background: var(--chat-surface, #fff); color: var(--chat-text, #111827);
  box-shadow: 0 6px 20px rgb(17 24 39 / .24); }
div:empty { display: none; }
button { all: unset; cursor: pointer; }
button:focus-visible { outline: 2px solid var(--chat-accent, #4f46e5); outline-offset: 2px; }
b { display: block; }
span { display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; overflow: hidden; }
svg { width: 16px; height: 16px; fill: currentColor; }
`;
let sheet: CSSStyleSheet | undefined;

/** What the view hands over; passed in, not imported, so this chunk shares no code with the view. */
export interface PreviewActions {
  /** The dismiss button's name, in the widget's language. */
  dismissLabel: string;
  /** The ✕ icon (a copy of the launcher's). */
  icon: Node;
  /** The visitor chose the preview: open the chat. */
  open(): void;
  /** The visitor dismissed it: mark it read (focus then goes back to the launcher). */
  dismiss(): void;
}

/** Shows `message` in `box`, or empties it for null. */
export function showPreview(box: HTMLElement, message: ChatMessage | null, actions: PreviewActions): void {
  let root = box.shadowRoot;
  if (!root) {
    root = box.attachShadow({ mode: "open" });
    sheet ??= new CSSStyleSheet();
    if (sheet.cssRules.length === 0) sheet.replaceSync(css);
    root.adoptedStyleSheets = [sheet];
    const live = document.createElement("div");
    live.setAttribute("aria-live", "polite");
    root.append(live);
  }
  const host = (box.getRootNode() as ShadowRoot).host;
  box.classList.toggle("left", host?.getAttribute("position") === "left");
  const live = root.firstElementChild!;
  if (!message) return live.replaceChildren();
  const open = document.createElement("button");
  const author = document.createElement("b");
  const text = document.createElement("span");
  author.textContent = message.authorName ?? "";
  text.textContent = message.text.split("\n", 1)[0] ?? "";
  open.append(author, text);
  open.dataset.testid = "chat-preview";
  open.onclick = () => actions.open();
  const dismiss = document.createElement("button");
  dismiss.dataset.testid = "chat-preview-dismiss";
  dismiss.setAttribute("aria-label", actions.dismissLabel);
  dismiss.append(actions.icon);
  dismiss.onclick = () => actions.dismiss();
  live.replaceChildren(open, dismiss);
}
