/**
 * The end-of-run checks beyond the ledger's lost and doubled messages: conversations that two
 * agents held, and for lost messages, whether the server still has them (a delivery failure)
 * or not (a storage loss).
 */
import { serverTranscript, type AgentSim } from "./agent-sim";
import type { Ledger, LostMessage } from "./ledger";

/**
 * Conversations assigned to more than one agent over the run (`heldBy`: every agent that was
 * ever told "assigned"), or in two agents' final inboxes. One line per case.
 */
export function doubleAssignments(
  heldBy: ReadonlyMap<string, ReadonlySet<string>>,
  agents: readonly AgentSim[],
): string[] {
  const cases: string[] = [];
  for (const [conversationId, holders] of heldBy)
    if (holders.size > 1) cases.push(`${conversationId}: ${[...holders].join(", ")}`);
  const inboxes = new Map<string, string[]>();
  for (const agent of agents)
    for (const id of agent.lastSnapshot?.inbox ?? [])
      inboxes.set(id, [...(inboxes.get(id) ?? []), agent.options.agentId]);
  for (const [conversationId, holders] of inboxes) {
    if (holders.length > 1 && (heldBy.get(conversationId)?.size ?? 0) < 2)
      cases.push(`${conversationId}: in the inboxes of ${holders.join(", ")}`);
  }
  return cases;
}

export interface ExplainContext {
  ledger: Ledger;
  origin: string;
  /** An agent who may read the message's conversation. */
  agentFor(message: LostMessage): AgentSim | undefined;
  log(line: string): void;
}

/** Asks the server about a sample of lost messages and logs what it says. */
export async function explainLost(
  lost: LostMessage[],
  { ledger, origin, agentFor, log }: ExplainContext,
): Promise<void> {
  const verdicts = new Map<string, number>();
  for (const message of lost.slice(0, 40)) {
    const agent = agentFor(message);
    let verdict: string;
    if (!agent) verdict = "no agent to ask";
    else {
      const transcript = await serverTranscript(origin, agent.options, message.conversationId).catch(
        (error: unknown) => String(error),
      );
      if (typeof transcript === "string") verdict = `server said ${transcript}`;
      else {
        const atSeq = transcript.find((m) => m.seq === message.seq);
        const byClientId = transcript.find((m) => m.clientId === message.clientId);
        verdict = byClientId
          ? byClientId.seq === message.seq
            ? "stored at its seq (not delivered)"
            : `stored at another seq (#${byClientId.seq})`
          : atSeq
            ? `NOT stored; its seq now holds another message (${atSeq.from} ${atSeq.clientId ?? "system"})`
            : `NOT stored; the transcript ends at #${transcript.at(-1)?.seq ?? 0}`;
      }
    }
    if (ledger.trace && verdicts.size < 3) {
      const events = ledger.trace.get(message.conversationId) ?? [];
      const mine = new Set(events.map((e) => / (v_\S+|a\d+|q\d+) /.exec(e)?.[1]).filter(Boolean));
      const global = (ledger.trace.get("*") ?? []).filter(
        (e) => e.includes("KILL") || [...mine].some((id) => e.includes(` ${id} `)),
      );
      log(`  trace of ${message.conversationId}:\n    ${[...events, ...global].sort().join("\n    ")}`);
    }
    const kind = verdict.replace(/\(.*\)|#\d+/g, "").trim();
    verdicts.set(kind, (verdicts.get(kind) ?? 0) + 1);
    if (verdicts.get(kind) === 1) log(`  lost ${message.text}: ${verdict}`);
  }
  log(
    `lost, asked the server about ${Math.min(40, lost.length)}: ${[...verdicts].map(([kind, n]) => `${n} ${kind}`).join("; ")}`,
  );
}
