/**
 * The check of a chat message as both sockets carry it (`message` frames, `welcome` and
 * `history` lists). Shared by the widget and the panel.
 */
import type { ChatMessage } from "../protocol/wire";
import { num, optional, shape, str } from "./frame-check";

export const isChatMessage = shape<ChatMessage>({
  conversationId: str,
  seq: num,
  clientId: optional(str),
  from: str,
  authorName: optional(str),
  text: str,
  at: num,
});
