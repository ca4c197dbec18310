/**
 * The last phase of a load run (`Run.audit` in scenario.ts): the ledger's lost and doubled
 * messages, conversations two agents held, support visitors left unassigned and failed
 * connection attempts, logged line by line, with an explanation of each lost message.
 */
import type { AgentSim } from "./agent-sim";
import { doubleAssignments, explainLost } from "./audit";
import type { Ledger, LostMessage } from "./ledger";
import type { BenchRuntime } from "./runtime";
import type { VisitorSim } from "./visitor-sim";

export interface AuditCounts {
  lost: number;
  doubled: number;
  doubleAssigned: number;
}

/** What the audit reads of its run. */
export interface AuditedRun {
  readonly ledger: Ledger;
  readonly runtime: BenchRuntime;
  readonly visitors: readonly VisitorSim[];
  readonly agents: readonly AgentSim[];
  /** Conversation -> every agent that was ever told "assigned". */
  readonly heldBy: ReadonlyMap<string, ReadonlySet<string>>;
  /** Conversation -> the agent it is assigned to now. */
  readonly agentOf: ReadonlyMap<string, AgentSim>;
  /** Failed connection attempts by kind. */
  readonly connectErrors: ReadonlyMap<string, number>;
  /** Where the clients connect. */
  origin(): string;
  log(line: string): void;
}

export async function auditRun(run: AuditedRun): Promise<AuditCounts> {
  const result = run.ledger.audit(
    (conversationId, from) => from === "agent" || run.heldBy.has(conversationId),
  );
  const doubles = doubleAssignments(run.heldBy, run.agents);
  const mainUnassigned = run.visitors.filter((v) => !v.options.queued && v.state !== "assigned").length;
  const codes = [...result.refusedBy].map(([code, count]) => `${code} ${count}`).join(", ");
  run.log(
    `messages: ${result.acked} acked, ${result.refused} refused with an error (${codes || "none"}; e.g. written to a chat that had just closed), ${result.unacked} never acked, ` +
      `${result.waiting} waiting in the queue for an agent; support visitors not assigned at the end: ${mainUnassigned}`,
  );
  run.log(
    `lost: ${result.lost.length}${
      result.lost.length
        ? ` e.g. ${result.lost
            .slice(0, 5)
            .map((l) => l.text)
            .join("; ")}`
        : ""
    }`,
  );
  if (result.lost.length > 0 && run.runtime.running) {
    const agentFor = (message: LostMessage) =>
      run.agentOf.get(message.conversationId) ??
      (message.from === "agent" ? run.agents.find((a) => a.options.agentId === message.senderId) : undefined);
    await explainLost(result.lost, {
      ledger: run.ledger,
      origin: run.origin(),
      agentFor,
      log: (line) => run.log(line),
    });
  }
  run.log(
    `doubled: ${run.ledger.doubles.length}${run.ledger.doubles.length ? ` e.g. ${run.ledger.doubles.slice(0, 5).join("; ")}` : ""}`,
  );
  run.log(
    `assigned to two agents: ${doubles.length}${doubles.length ? ` e.g. ${doubles.slice(0, 5).join("; ")}` : ""}`,
  );
  if (run.connectErrors.size > 0) {
    const kinds = [...run.connectErrors].sort((a, b) => b[1] - a[1]);
    run.log(`failed connection attempts: ${kinds.map(([kind, count]) => `${count} x ${kind}`).join("; ")}`);
  }
  return { lost: result.lost.length, doubled: run.ledger.doubles.length, doubleAssigned: doubles.length };
}
