/**
 * Uploads no message took are deleted from R2 by the team object's alarm once
 * UNUSED_ATTACHMENT_SECONDS have passed (in workerd, real R2 on disk): the alarm is set for
 * the oldest unsent upload, the sweep leaves sent files alone, a swept file can no longer be
 * sent, and an R2 delete that fails stays in the trash for the next alarm.
 */
import { env, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { teamStub } from "../../durable-objects/addresses";
import { AttachmentStore } from "../../durable-objects/team/attachment-store";
import { FileCleanup } from "../../durable-objects/team/file-cleanup";
import { UNUSED_ATTACHMENT_SECONDS } from "../../protocol";
import { attachmentKey } from "../../worker/attachment-links";
import { pngBytes, uploadedId, visitorUpload } from "./attachment-files";
import { connectVisitor, seedSite, type VisitorClient } from "./helpers";

const DAY_MS = UNUSED_ATTACHMENT_SECONDS * 1000;

const upload = async (site: string, visitor: VisitorClient, name: string) =>
  uploadedId(await visitorUpload(site, visitor, name, pngBytes()));

/** Moves the uploads' time back, as if they had been made `ms` earlier. */
function age(site: string, ms: number): Promise<void> {
  return runInDurableObject(teamStub(env, site, "support"), (_instance, state) => {
    state.storage.sql.exec("UPDATE attachments SET created_at = created_at - ?", ms);
  });
}

function rows(site: string): Promise<string[]> {
  return runInDurableObject(teamStub(env, site, "support"), (_instance, state) =>
    state.storage.sql
      .exec<{ id: string }>("SELECT id FROM attachments ORDER BY id")
      .toArray()
      .map((row) => row.id),
  );
}

describe("unsent uploads", () => {
  it("are deleted from R2 by the alarm after UNUSED_ATTACHMENT_SECONDS; sent ones stay", async () => {
    const site = "unused-sweep";
    await seedSite(site);
    const visitor = await connectVisitor(site);
    await visitor.until("status");
    const sent = await upload(site, visitor, "sent.png");
    const before = Date.now();
    const unsent = await upload(site, visitor, "unsent.png");
    visitor.send({ type: "message", clientId: "v1", text: "here", attachments: [sent] });
    await visitor.until("ack");

    // The alarm waits for the unsent upload's deadline (nothing else is due in this team).
    const stub = teamStub(env, site, "support");
    const alarm = await runInDurableObject(stub, (_instance, state) => state.storage.getAlarm());
    expect(alarm).toBeGreaterThanOrEqual(before + DAY_MS);
    expect(alarm).toBeLessThanOrEqual(Date.now() + DAY_MS);

    // Not yet due: an alarm now deletes nothing.
    await age(site, DAY_MS - 60_000);
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    expect(await env.FILES.head(attachmentKey(site, unsent))).not.toBeNull();

    await age(site, 61_000);
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    expect(await env.FILES.head(attachmentKey(site, unsent))).toBeNull();
    expect(await env.FILES.head(attachmentKey(site, sent))).not.toBeNull();
    expect(await rows(site)).toEqual([sent]);
    // Nothing left to sweep: no alarm for files.
    expect(await runInDurableObject(stub, (_instance, state) => state.storage.getAlarm())).toBeNull();

    // A swept upload cannot go out any more.
    visitor.send({ type: "message", clientId: "v2", text: "late", attachments: [unsent] });
    const refused = await visitor.untilWhere("error", (frame) => frame.clientId === "v2");
    expect(refused.code).toBe("not_found");
  });

  it("stay in the trash when R2 fails, and go on the next try", async () => {
    const site = "unused-retry";
    await seedSite(site);
    const visitor = await connectVisitor(site);
    await visitor.until("status");
    const id = await upload(site, visitor, "draft.png");
    await age(site, DAY_MS + 1000);
    const stub = teamStub(env, site, "support");
    const failing = { delete: () => Promise.reject(new Error("R2 is down")) } as unknown as R2Bucket;
    const now = Date.now();
    const trashed = await runInDurableObject(stub, async (_instance, state) => {
      const cleanup = new FileCleanup(state.storage.sql, failing, new AttachmentStore(state.storage.sql));
      expect(cleanup.dropUnsent(site, now)).toBe(1);
      await cleanup.purge(now);
      return {
        due: cleanup.nextDueAt(now),
        keys: state.storage.sql.exec("SELECT key FROM file_trash").toArray(),
      };
    });
    expect(trashed.keys).toEqual([{ key: attachmentKey(site, id) }]);
    expect(trashed.due).toBe(now + 60_000);
    expect(await env.FILES.head(attachmentKey(site, id))).not.toBeNull();

    // The object's own alarm (real R2) empties the trash.
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    expect(await env.FILES.head(attachmentKey(site, id))).toBeNull();
    const left = await runInDurableObject(stub, (_instance, state) =>
      state.storage.sql.exec("SELECT key FROM file_trash").toArray(),
    );
    expect(left).toEqual([]);
  });
});

describe("an upload's bytes", () => {
  it("go to R2 only once the team holds the upload's row, so no object is left without one", async () => {
    const site = "upload-order";
    await seedSite(site);
    const visitor = await connectVisitor(site);
    await visitor.until("status");
    const put = env.FILES.put.bind(env.FILES);
    const rowsAtPut: string[][] = [];
    let failing = false;
    env.FILES.put = (async (...args: Parameters<R2Bucket["put"]>) => {
      rowsAtPut.push(await rows(site));
      if (failing) throw new Error("R2 is down");
      return put(...args);
    }) as R2Bucket["put"];
    try {
      const id = await upload(site, visitor, "first.png");
      expect(rowsAtPut).toEqual([[id]]);
      // The bytes never reach R2 (the Worker's put fails, as if it died there): the row stays,
      // unsent, and the sweep of unsent uploads takes it with its key.
      failing = true;
      const refused = await visitorUpload(site, visitor, "second.png", pngBytes());
      expect(refused.status).toBe(500);
      const [orphan] = (await rows(site)).filter((row) => row !== id);
      expect(orphan).toBeDefined();
      expect(rowsAtPut[1]).toContain(orphan);
      expect(await env.FILES.head(attachmentKey(site, orphan!))).toBeNull();
      await age(site, DAY_MS + 1000);
      expect(await runDurableObjectAlarm(teamStub(env, site, "support"))).toBe(true);
      expect(await rows(site)).toEqual([]);
    } finally {
      env.FILES.put = put;
    }
  });
});
