/**
 * What one team's socket knows of the team's conversations and agents, as the panel lists
 * them: me, my inbox (longest waiting first), the queue, the agents, the conversations that
 * left my inbox and why, and the last summary of each one seen (so it keeps its name). The
 * base of `TeamConnection`, which fills it from the frames.
 */
import type { AgentSummary, ChatMessage, ConversationSummary } from "../protocol/wire";

export class TeamLists {
  me: AgentSummary | null = null;
  queue: ConversationSummary[] = [];
  readonly agents = new Map<string, AgentSummary>();
  /** Conversations that left my inbox, and why ("closed", "transferred", …). */
  readonly ended = new Map<string, string>();

  protected readonly inboxById = new Map<string, ConversationSummary>();
  /** The last summary seen of every conversation, so one that left the lists keeps its name. */
  protected readonly known = new Map<string, ConversationSummary>();

  /** My open conversations, the one waiting longest for an answer first. */
  get inbox(): ConversationSummary[] {
    return [...this.inboxById.values()].sort(
      (a, b) => (a.waitingSince ?? Infinity) - (b.waitingSince ?? Infinity) || a.createdAt - b.createdAt,
    );
  }

  conversation(id: string): ConversationSummary | undefined {
    return this.inboxById.get(id) ?? this.known.get(id);
  }

  /** Where a conversation stands for me: mine and open, waiting in the queue, or gone from both. */
  standing(id: string): "assigned" | "queued" | "ended" {
    if (this.inboxById.has(id)) return "assigned";
    return this.queue.some((queued) => queued.id === id) ? "queued" : "ended";
  }

  isMine(id: string): boolean {
    return this.inboxById.has(id);
  }

  /** Keeps an inbox summary's last message and waiting time current between snapshots. */
  protected noteLast(
    conversationId: string,
    message: Pick<ChatMessage, "seq" | "from" | "text" | "at">,
  ): void {
    const summary = this.inboxById.get(conversationId);
    if (!summary) return;
    summary.lastSeq = Math.max(summary.lastSeq, message.seq);
    summary.lastMessage = { from: message.from, text: message.text, at: message.at };
    if (message.from === "agent") summary.waitingSince = null;
    else if (message.from === "visitor") summary.waitingSince ??= message.at;
  }

  /** A colleague (or I, on another tab) changed a conversation's labels: every list shows them. */
  protected relabel(conversationId: string, labels: string[]): void {
    const held = [this.inboxById.get(conversationId), this.known.get(conversationId), ...this.queue];
    for (const summary of held) if (summary?.id === conversationId) summary.labels = [...labels];
  }

  protected remember(...lists: ConversationSummary[][]): void {
    for (const list of lists) for (const conversation of list) this.known.set(conversation.id, conversation);
  }
}
