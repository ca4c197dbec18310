/**
 * The sentence under the chat's title: the server's status (queued with position, assigned
 * agent, away, closed) or the connection's state. English only for now; the i18n of issue 6
 * replaces these literals with a message table, which is why they all live here.
 */
import { SocketState } from "./reconnecting-socket";
import type { ChatConnection } from "./chat-connection";

const minutes = (seconds: number): string => {
  const n = Math.max(1, Math.round(seconds / 60));
  return n === 1 ? "about a minute" : `about ${n} minutes`;
};

const time = (epochMs: number): string => new Intl.DateTimeFormat(undefined, { weekday: "short", hour: "numeric", minute: "2-digit" }).format(epochMs);

export function statusText(chat: ChatConnection): string {
  if (chat.fatal) return "The chat is not available on this page.";
  if (!chat.ready) {
    if (typeof navigator !== "undefined" && !navigator.onLine) return "You are offline. Messages will be sent when you are back.";
    return chat.everConnected || chat.socketState === SocketState.waiting ? "Reconnecting…" : "Connecting…";
  }
  const status = chat.status;
  switch (status?.state) {
    case undefined:
    case "new":
      return "Ask us anything. We usually reply in a few minutes.";
    case "queued": {
      const place = status.position === undefined ? "You are in the queue" : `You are number ${status.position} in the queue`;
      return status.etaSeconds === undefined ? `${place}.` : `${place}, ${minutes(status.etaSeconds)} to wait.`;
    }
    case "assigned": {
      const name = status.agent?.name ?? "An agent";
      const reply = status.agent?.replySeconds;
      return reply === undefined ? `You are chatting with ${name}.` : `${name} usually replies in ${minutes(reply)}.`;
    }
    case "away":
      return status.opensAt === undefined ? "We are away right now. Leave a message." : `We are away. Back ${time(status.opensAt)}.`;
    case "closed":
      return "This conversation has ended. Write to start a new one.";
  }
}
