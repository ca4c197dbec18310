/**
 * `window.EdgeChat`: the host page's JavaScript API, in the style of Intercom's command
 * function. Calls made before widget.js arrived were pushed by the stub snippet onto
 * `EdgeChat.q` and are replayed here, in order; calls made before the widget element exists
 * wait for it. Listeners get the widget's events (`ChatEvent`). Part of the loader: no Lit.
 *
 * @example
 * // The stub (in a file of your own on a strict-CSP page), then widget.js with `async`:
 * window.EdgeChat = window.EdgeChat || function () { (EdgeChat.q = EdgeChat.q || []).push(arguments); };
 * EdgeChat("setUser", { id: "42", name: "Ana", hash: "<HMAC from your backend>" });
 * EdgeChat("on", "unread", (count) => console.log(count));
 * EdgeChat.open(); // the methods exist once widget.js ran
 */
import type { VisitorUser } from "../protocol/wire";
import { ChatEvent } from "./widget-config";

/** What the API drives: the page's `<chat-widget>`. */
export interface ChatTarget {
  open(): void;
  close(): void;
  toggle(): void;
  setUser(user: VisitorUser | null): void;
  setLocale(locale: string): void;
  reset(): void;
}

type Handler = (data?: unknown) => void;
const COMMANDS = ["open", "close", "toggle", "setUser", "setLocale", "reset"] as const;
type Command = (typeof COMMANDS)[number];

export interface EdgeChatApi {
  (command: Command | "on" | "off", ...args: unknown[]): void;
  open(): void;
  close(): void;
  toggle(): void;
  /** `{id, name?, email?, attributes?, hash?}`; null logs the user out of the chat (like reset). */
  setUser(user: VisitorUser | null): void;
  setLocale(locale: string): void;
  /** Logout: forgets the visitor token, closes the socket and the chat. */
  reset(): void;
  on(event: ChatEvent, handler: Handler): void;
  off(event: ChatEvent, handler: Handler): void;
  /** The stub's queue, emptied once replayed. */
  q?: ArrayLike<unknown>[];
}

const listeners = new Map<string, Set<Handler>>();
const waiting: [Command, unknown[]][] = [];
let target: ChatTarget | null = null;

/** Tells the host page's listeners; a throwing listener does not stop the others. */
export function emit(event: ChatEvent, data?: unknown): void {
  for (const handler of listeners.get(event) ?? []) {
    try {
      handler(data);
    } catch (error) {
      console.error(error);
    }
  }
}

/** The first widget on the page becomes the API's target; calls that waited for it run now. */
export function attachTarget(widget: ChatTarget): void {
  if (target) return;
  target = widget;
  for (const [command, args] of waiting.splice(0)) run(command, args);
  emit(ChatEvent.ready);
}

function run(command: string, args: unknown[]): void {
  if (command === "on" || command === "off") {
    const [event, handler] = args;
    if (typeof event !== "string" || typeof handler !== "function") return;
    let set = listeners.get(event);
    if (!set) listeners.set(event, (set = new Set()));
    if (command === "off") set.delete(handler as Handler);
    else {
      set.add(handler as Handler);
      // "ready" happened already: a late listener still hears it, once.
      if (event === ChatEvent.ready && target) queueMicrotask(() => (handler as Handler)());
    }
  } else if ((COMMANDS as readonly string[]).includes(command)) {
    if (target) (target[command as Command] as (...a: unknown[]) => void)(...args);
    else waiting.push([command as Command, args]);
  } else {
    console.warn(`EdgeChat: unknown command "${command}"`);
  }
}

/** Defines `window.EdgeChat` (once) and replays what the stub queued. */
export function installApi(): void {
  const global = window as unknown as { EdgeChat?: EdgeChatApi & { ours?: true } };
  const stub = global.EdgeChat;
  if (stub?.ours) return;
  const api = ((command: string, ...args: unknown[]) => run(command, args)) as EdgeChatApi & { ours?: true };
  for (const name of [...COMMANDS, "on", "off"] as const) api[name] = (...args: unknown[]) => run(name, args);
  api.ours = true;
  global.EdgeChat = api;
  for (const call of Array.from(stub?.q ?? [])) {
    const [command, ...args] = Array.from(call);
    if (typeof command === "string") run(command, args);
  }
}
