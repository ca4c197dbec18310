/**
 * Fixtures several worker tests start from: a visitor whose chat ana has claimed (both sockets
 * open), and a count of the session calls a team object gets, to tell a reconnect that made a
 * session from one that did not.
 */
import { runInDurableObject } from "cloudflare:test";
import { onTestFinished } from "vitest";
import type { TeamDO } from "../../durable-objects/team/team-do";
import { connectAgent, connectVisitor, seedSite } from "./helpers";

/** A seeded site where ana is online and has claimed a visitor's chat ("hello", clientId c1). */
export async function claimedChat(site: string) {
  const tokens = await seedSite(site);
  const ana = await connectAgent(site, tokens.ana!);
  await ana.until("snapshot");
  ana.send({ type: "presence", status: "online" });
  await ana.untilWhere("agents", (frame) =>
    frame.agents.some((entry) => entry.id === "ana" && entry.status === "online"),
  );
  const visitor = await connectVisitor(site);
  const welcome = await visitor.until("welcome");
  visitor.send({ type: "message", clientId: "c1", text: "hello" });
  const { conversationId, seq } = await visitor.until("ack");
  // The seeded team assigns by hand: ana claims it.
  ana.send({ type: "claim", conversationId });
  await ana.untilWhere("assigned", (frame) => frame.conversation.id === conversationId);
  return { ana, visitor, welcome, conversationId, seq };
}

/** The names of the session RPCs the team object behind `stub` gets from now on (this test only). */
export async function countSessionCalls(stub: DurableObjectStub<TeamDO>): Promise<string[]> {
  const calls: string[] = [];
  // RPC reaches prototype methods only: wrap them there, restored when the test ends.
  const proto = await runInDurableObject(
    stub,
    (instance: TeamDO) => Object.getPrototypeOf(instance) as TeamDO,
  );
  const methods = proto as unknown as Record<string, (...args: unknown[]) => unknown>;
  for (const name of ["visitorSession", "rememberVisitor", "openConversationOf"]) {
    const original = methods[name]!;
    methods[name] = function (this: TeamDO, ...args: unknown[]) {
      calls.push(name);
      return original.apply(this, args);
    };
    onTestFinished(() => {
      methods[name] = original;
    });
  }
  return calls;
}
