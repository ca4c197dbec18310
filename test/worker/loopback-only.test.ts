/**
 * The worker tests' outbound guard (`loopback-only.ts`): a fetch beyond 127.0.0.1 is answered
 * 502 in Node before it leaves. Probed with 127.0.0.2, which stays on this machine even if
 * the guard were gone (then the fetch fails to connect instead of answering 502).
 */
import { describe, expect, it } from "vitest";

describe("outbound fetches in the worker tests", () => {
  it("are refused unless they go to 127.0.0.1", async () => {
    const response = await fetch("http://127.0.0.2:9/hooks", { method: "POST", body: "{}" });
    expect(response.status).toBe(502);
    expect(await response.text()).toContain("127.0.0.1 only");
  });
});
