/**
 * Canned replies and labels in the site config file: applied per team the file names (pushed
 * to the team's object, where leads edit them too), exported back with every team's lists,
 * export -> apply a no-op, a team the file leaves out keeps its lists, and a list naming a
 * team the file does not have, or a bad reply, refuses the whole file.
 */
import { describe, expect, it } from "vitest";
import type { SiteConfigApplied } from "../../protocol";
import { admin, ORIGIN } from "./helpers";

const replies = [{ id: "greeting", title: "Greeting", text: "Hi {{visitor.name}}!" }];
const labels = [
  { id: "refund", name: "Refund" },
  { id: "bug", name: "Bug report" },
];

function siteFile(site: string) {
  return {
    site,
    name: "Shop",
    allowedOrigins: [ORIGIN],
    defaultTeam: "support",
    teams: { support: { name: "Support" }, sales: { name: "Sales" } },
    cannedReplies: { support: replies },
    labels: { support: labels, sales: [{ id: "lead", name: "Hot lead" }] },
  };
}

const put = async (site: string, body: unknown) => admin("PUT", `/sites/${site}/config`, body);
const exported = async (site: string) =>
  (await (await admin("GET", `/sites/${site}/config`)).json()) as ReturnType<typeof siteFile>;

describe("canned replies and labels in the site config", () => {
  it("are applied to the teams, exported back, and export -> apply changes nothing", async () => {
    const first = (await (await put("cfg-lists", siteFile("cfg-lists"))).json()) as SiteConfigApplied;
    expect(first.changed).toEqual(
      expect.arrayContaining(["cannedReplies.support", "labels.support", "labels.sales"]),
    );
    expect(await (await admin("GET", "/sites/cfg-lists/teams/support/canned-replies")).json()).toEqual(
      replies,
    );
    expect(await (await admin("GET", "/sites/cfg-lists/teams/sales/labels")).json()).toEqual([
      { id: "lead", name: "Hot lead" },
    ]);
    const live = await exported("cfg-lists");
    expect(live.cannedReplies).toEqual({ support: replies, sales: [] });
    expect(live.labels).toEqual(siteFile("cfg-lists").labels);
    const again = (await (await put("cfg-lists", live)).json()) as SiteConfigApplied;
    expect(again).toEqual({ ok: true, created: false, changed: [] });
    expect(await exported("cfg-lists")).toEqual(live);
  });

  it("replace a named team's list, keep the others, and follow what a lead changed", async () => {
    expect((await put("cfg-lists-keep", siteFile("cfg-lists-keep"))).status).toBe(200);
    // A lead (here the admin API) edits the list; the export shows it.
    await admin("PUT", "/sites/cfg-lists-keep/teams/support/labels", [labels[0]]);
    expect((await exported("cfg-lists-keep")).labels.support).toEqual([labels[0]]);
    // A file naming only sales changes sales; support keeps its lists.
    const file = { ...siteFile("cfg-lists-keep"), cannedReplies: {}, labels: { sales: [] } };
    const result = (await (await put("cfg-lists-keep", file)).json()) as SiteConfigApplied;
    expect(result.changed).toEqual(["labels.sales"]);
    const live = await exported("cfg-lists-keep");
    expect(live.labels).toEqual({ support: [labels[0]], sales: [] });
    expect(live.cannedReplies.support).toEqual(replies);
  });

  it("refuse the whole file for an unknown team or a bad entry", async () => {
    const noTeam = await put("cfg-lists-bad", { ...siteFile("cfg-lists-bad"), labels: { billing: labels } });
    expect(noTeam.status).toBe(400);
    expect(await noTeam.json()).toMatchObject({ error: { path: "labels.billing" } });
    const badReply = await put("cfg-lists-bad", {
      ...siteFile("cfg-lists-bad"),
      cannedReplies: { support: [{ id: "x", title: "X", text: "{{visitor.nmae}}" }] },
    });
    expect(badReply.status).toBe(400);
    expect(await badReply.json()).toMatchObject({ error: { path: "cannedReplies.support.0.text" } });
    const twice = await put("cfg-lists-bad", {
      ...siteFile("cfg-lists-bad"),
      labels: { support: [labels[0], labels[0]] },
    });
    expect(await twice.json()).toMatchObject({ error: { path: "labels.support.1.id" } });
    expect((await admin("GET", "/sites/cfg-lists-bad")).status).toBe(404);
  });
});
