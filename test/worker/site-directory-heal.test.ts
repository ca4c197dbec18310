/**
 * Sites created before the site directory existed are listed again by themselves: a site's
 * object that starts with a configuration and is not listed puts itself in the directory,
 * and an agent signing in with a token signed for the site (or any admin call) starts it.
 * Until then its visitor sessions are 404, as for any name nobody created.
 */
import { env, evictDurableObject, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { siteDirectoryStub, siteStub } from "../../durable-objects/addresses";
import { admin, agentSession, seedSite, visitorSession } from "./helpers";

/** What a site made before the directory looks like: configured, unlisted, its object asleep. */
async function unlist(site: string): Promise<void> {
  await runInDurableObject(siteDirectoryStub(env), (_object, state) => state.storage.delete(`site:${site}`));
  await runInDurableObject(siteStub(env, site), (_object, state) => state.storage.delete("directory:listed"));
  await evictDurableObject(siteStub(env, site));
  expect(await siteDirectoryStub(env).directoryHas(site)).toBe(false);
}

describe("a site the directory does not list", () => {
  it("lists itself when an agent of it signs in", async () => {
    const tokens = await seedSite("legacy-agent");
    await unlist("legacy-agent");
    expect((await visitorSession("legacy-agent")).status).toBe(404);

    const signedIn = await agentSession("legacy-agent", tokens.ana!);
    expect(signedIn.status).toBe(200);
    expect(await siteDirectoryStub(env).directoryHas("legacy-agent")).toBe(true);
    expect((await visitorSession("legacy-agent")).status).toBe(200);
  });

  it("lists itself on an admin call, and a forged token does not wake it", async () => {
    await seedSite("legacy-admin");
    await unlist("legacy-admin");
    // Refused from its signature alone, before the directory or the site object is asked.
    expect((await agentSession("legacy-admin", "forged.token")).status).toBe(401);
    expect(await siteDirectoryStub(env).directoryHas("legacy-admin")).toBe(false);

    expect((await admin("GET", "/sites/legacy-admin")).status).toBe(200);
    expect(await siteDirectoryStub(env).directoryHas("legacy-admin")).toBe(true);
    expect((await visitorSession("legacy-admin")).status).toBe(200);
  });
});
