/**
 * The widget's English strings, and the shape every other language's table has. Like every
 * table, a chunk of its own, loaded by the chat view for visitors who read it (and as the
 * fallback). `{name}`-style holes are filled by `fill()` in `i18n.ts`.
 */
const en = {
  title: "Chat with us",
  greeting: "Hi there! How can we help you today?",
  minimize: "Minimize chat",
  conversation: "Conversation",
  input: "Message",
  placeholder: "Write a message…",
  send: "Send",
  attach: "Attach a file",
  sending: "Sending…",
  sent: "Sent",
  failed: "Not sent",
  retrying: "Not sent yet, trying again…",
  retry: "Retry",
  typing: "{name} is typing…",
  agent: "An agent",
  newConversation: "New conversation",
  pickTeam: "What can we help you with?",
  formIntro: "We're away right now. Leave your email and a message, and we'll get back to you.",
  email: "Email",
  name: "Name (optional)",
  repliesTo: "We'll reply to {email}",
  connecting: "Connecting…",
  reconnecting: "Reconnecting…",
  offline: "You are offline. Messages will be sent when you are back.",
  unavailable: "The chat is not available on this page.",
  ready: "Ask us anything. We usually reply in a few minutes.",
  queued: "You are in the queue.",
  queuedAt: "You are number {position} in the queue.",
  assigned: "You are chatting with {name}.",
  replies: "{name} usually replies in {time}.",
  away: "We are away right now. Leave us a message.",
  awayUntil: "We are away. Back {time}.",
  closed: "This conversation has ended. Write to start a new one.",
};

export type Strings = typeof en;
export default en;
