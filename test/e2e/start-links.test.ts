/**
 * The login links `npm start` and `npm run config -- login` print do not pile up as live
 * credentials: each is one-time and short-lived, a new one replaces the agent's unused one,
 * and tokens left by earlier versions are revoked (`AdminClient.revokeAgentTokens`).
 * Against `wrangler dev`, exchanging links as the panel does (same Origin).
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

const exchange = (loginPath: string) =>
  fetch(`${product.server.origin}/v1/sites/demo/agent/login`, {
    method: "POST",
    headers: { Origin: product.server.origin, "Content-Type": "application/json" },
    body: JSON.stringify({ code: new URLSearchParams(loginPath.split("#")[1]).get("login") }),
  });

const tokenSession = (token: string) =>
  fetch(`${product.server.origin}/v1/sites/demo/agent/session`, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}` },
  });

describe("the demo login links of npm start", () => {
  it("replace the previous run's unused link, work once, and leave no token behind", async () => {
    const earlier = await product.admin.issueLoginLink("demo", "ana");
    const fresh = await product.admin.issueLoginLink("demo", "ana");
    expect(fresh.expiresAt - Date.now()).toBeLessThanOrEqual(15 * 60 * 1000);

    expect((await exchange(earlier.loginPath)).status).toBe(401);
    const signedIn = await exchange(fresh.loginPath);
    expect(signedIn.status).toBe(200);
    expect(signedIn.headers.get("Set-Cookie")).toContain("HttpOnly");
    expect((await exchange(fresh.loginPath)).status).toBe(401);

    // A token an older version printed is revoked; other agents are untouched.
    const legacy = await product.admin.issueAgentToken("demo", "ana");
    expect(await product.admin.revokeAgentTokens("demo", "ana")).toBe(1);
    expect((await tokenSession(legacy.token)).status).toBe(401);
    expect(await product.admin.revokeAgentTokens("demo", "ben")).toBe(0);
  });
});
