/**
 * `npm start` prints one working login link per demo agent: before issuing a new one it
 * revokes the agent's earlier tokens (`AdminClient.revokeAgentTokens`), so the links of
 * earlier runs stop working instead of piling up as live credentials. Against `wrangler dev`.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startProduct, type Product } from "./harness";

let product: Product;

beforeAll(async () => {
  product = await startProduct();
});

afterAll(async () => {
  await product?.stop();
});

const signIn = (token: string) =>
  fetch(`${product.server.origin}/v1/sites/demo/agent/session`, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}` },
  });

describe("the demo login links of npm start", () => {
  it("revokes the previous run's links before issuing new ones", async () => {
    const earlier = await product.admin.issueAgentToken("demo", "ana");
    const older = await product.admin.issueAgentToken("demo", "ana");
    expect((await signIn(earlier.token)).status).toBe(200);

    expect(await product.admin.revokeAgentTokens("demo", "ana")).toBe(2);
    const fresh = await product.admin.issueAgentToken("demo", "ana");

    expect((await signIn(earlier.token)).status).toBe(401);
    expect((await signIn(older.token)).status).toBe(401);
    expect((await signIn(fresh.token)).status).toBe(200);
    // Nothing left to revoke but the fresh one; other agents are untouched.
    expect(await product.admin.revokeAgentTokens("demo", "ben")).toBe(0);
    expect(await product.admin.revokeAgentTokens("demo", "ana")).toBe(1);
  });
});
