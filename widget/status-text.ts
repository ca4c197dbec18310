/**
 * The sentence under the chat's title: the connection's trouble if there is any, else the
 * status in our own short words (queue position and estimate, the agent and their reply time,
 * the opening time, closed), which wrap and are never cut. The team's own sentence (`text`)
 * is shown here only while queued: its other sentences are already in the transcript (the
 * assigned, away and closed lines) or above the offline form, and are not said twice. The
 * usual reply time goes once the agent has replied: the visitor knows it then.
 */
import { duration, fill, when, type Strings } from "./i18n";
import type { ChatConnection } from "./chat-connection";
import { SocketState } from "../client/reconnecting-socket";

export function statusText(chat: ChatConnection, t: Strings, locale: string): string {
  if (chat.fatal) return t.unavailable;
  if (!chat.ready) {
    if (!navigator.onLine) return t.offline;
    return chat.everConnected || chat.socketState === SocketState.waiting ? t.reconnecting : t.connecting;
  }
  const status = chat.status;
  switch (status?.state) {
    case undefined:
    case "new":
      return t.ready;
    case "queued": {
      if (status.text) return status.text;
      const place =
        status.position === undefined ? t.queued : fill(t.queuedAt, { position: status.position });
      return status.etaSeconds === undefined
        ? place
        : `${place} ${fill(t.wait, { wait: duration(status.etaSeconds, locale) })}`;
    }
    case "assigned": {
      const name = status.agent?.name || t.agent;
      const reply = status.agent?.replySeconds;
      return reply === undefined || chat.transcript.entries.some((entry) => entry.from === "agent")
        ? fill(t.assigned, { name })
        : fill(t.replies, { name, time: status.agent?.replyTime ?? duration(reply, locale) });
    }
    case "away":
      return status.opensAt === undefined
        ? t.away
        : fill(t.awayUntil, { time: when(status.opensAt, locale) });
    case "closed":
      return t.closed;
  }
}
