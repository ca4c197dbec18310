/**
 * Checks for every frame the server sends on a visitor's socket (`VisitorFrameOut`), of the
 * fields the widget reads. The mapped type makes the compiler insist on a check for each
 * frame type the protocol has.
 */
import type { VisitorFrameOut } from "../protocol/wire";
import { bool, listOf, nullable, num, optional, shape, str, type Check } from "../client/frame-check";
import { isChatMessage } from "../client/message-check";

type Frame<T extends VisitorFrameOut["type"]> = Extract<VisitorFrameOut, { type: T }>;

export const visitorFrameChecks: { [K in VisitorFrameOut["type"]]: Check } = {
  // Only what the widget reads is checked (it never reads visitorId or conversation.lastSeq).
  welcome: shape<Frame<"welcome">>({
    conversation: nullable(
      shape<NonNullable<Frame<"welcome">["conversation"]>>({ id: str, state: str, readSeq: num }),
    ),
    messages: listOf(isChatMessage),
    resume: optional(shape<NonNullable<Frame<"welcome">["resume"]>>({ ticket: str, expiresAt: num })),
  }),
  message: isChatMessage,
  ack: shape<Frame<"ack">>({ clientId: str, conversationId: str, seq: num }),
  status: shape<Frame<"status">>({
    state: str,
    position: optional(num),
    etaSeconds: optional(num),
    agent: optional(
      shape<NonNullable<Frame<"status">["agent"]>>({
        name: str,
        replySeconds: optional(num),
        replyTime: optional(str),
      }),
    ),
    opensAt: optional(num),
    offlineForm: optional(bool),
    text: optional(str),
  }),
  typing: shape<Frame<"typing">>({ on: bool, name: optional(str) }),
  error: shape<Frame<"error">>({ code: str, message: str, clientId: optional(str) }),
};
