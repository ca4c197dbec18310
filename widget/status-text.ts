/**
 * The sentence under the chat's title: the connection's trouble if there is any, else the
 * server's status in the team's own words (`text`, in the visitor's language) or, when the
 * server sent none, ours (queued with position and estimate, assigned agent and reply time,
 * away with the opening time, closed).
 */
import { duration, fill, when, type Strings } from "./i18n";
import type { ChatConnection } from "./chat-connection";
import { SocketState } from "../client/reconnecting-socket";

/** `serverText: false` when the team's sentence is shown elsewhere (above the offline form). */
export function statusText(chat: ChatConnection, t: Strings, locale: string, serverText = true): string {
  if (chat.fatal) return t.unavailable;
  if (!chat.ready) {
    if (!navigator.onLine) return t.offline;
    return chat.everConnected || chat.socketState === SocketState.waiting ? t.reconnecting : t.connecting;
  }
  const status = chat.status;
  if (status?.text && serverText) return status.text;
  switch (status?.state) {
    case undefined:
    case "new":
      return t.ready;
    case "queued": {
      const place =
        status.position === undefined ? t.queued : fill(t.queuedAt, { position: status.position });
      return status.etaSeconds === undefined
        ? place
        : `${place} ${fill(t.wait, { wait: duration(status.etaSeconds, locale) })}`;
    }
    case "assigned": {
      const name = status.agent?.name || t.agent;
      const reply = status.agent?.replySeconds;
      return reply === undefined
        ? fill(t.assigned, { name })
        : fill(t.replies, { name, time: duration(reply, locale) });
    }
    case "away":
      return status.opensAt === undefined
        ? t.away
        : fill(t.awayUntil, { time: when(status.opensAt, locale) });
    case "closed":
      return t.closed;
  }
}
