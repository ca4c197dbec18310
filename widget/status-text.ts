/**
 * The sentence under the chat's title: the connection's trouble if there is any, else the
 * status in our own short words (queue position, the agent and their reply time in the team's
 * words, the opening time, closed), which wrap and are never cut. The team's own sentence
 * (`text`, with the estimated wait) is shown here only while queued: its other sentences are
 * already in the transcript (the assigned, away and closed lines) or above the offline form,
 * and are not said twice. The usual reply time goes once the agent has replied: the visitor
 * knows it then.
 */
import { fill, when, type Strings } from "./i18n";
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
      // The team's sentence comes with every position (and so with every estimate).
      if (status.text) return status.text;
      return status.position === undefined ? t.queued : fill(t.queuedAt, { position: status.position });
    }
    case "assigned": {
      const name = status.agent?.name || t.agent;
      // The reply time in the team's own words (`replyTime`), as its assigned line says it.
      const time = status.agent?.replyTime;
      return time === undefined || chat.transcript.entries.some((entry) => entry.from === "agent")
        ? fill(t.assigned, { name })
        : fill(t.replies, { name, time });
    }
    case "away":
      return status.opensAt === undefined
        ? t.away
        : fill(t.awayUntil, { time: when(status.opensAt, locale) });
    case "closed":
      return t.closed;
  }
}
