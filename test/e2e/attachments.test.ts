/**
 * Attachments both ways in real Chromium against `wrangler dev` (R2 on disk): a visitor on a
 * strict-CSP host page of another origin pastes a picture and picks a PDF with the paperclip
 * and sends both with no extra step; Ana sees them in the panel (the picture as a thumbnail
 * that loaded through a signed link, the PDF as a named link with its size), answers with a
 * file of her own, and the visitor opens it (a download, with its bytes). Saves screenshots
 * of the widget (light, dark, 390 px) and the panel to /tmp/attach-shots.
 */
import { mkdirSync, readFileSync } from "node:fs";
import { deflateSync, crc32 } from "node:zlib";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { goOnline, openPanel } from "./panel-helpers";
import { putHostPage, startWidgetStage, type HostSite, type WidgetStage } from "./widget-host";

const SHOTS = process.env.ATTACH_SCREENSHOTS ?? "/tmp/attach-shots";
mkdirSync(SHOTS, { recursive: true });

/** A real PNG (what the thumbnail must decode): `width`×`height`, a diagonal two-colour pattern. */
function png(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const at = y * (width * 3 + 1) + 1 + x * 3;
      rows.set(x > y ? [16, 120, 200] : [250, 180, 40], at);
    }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(rows)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}
const PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
const STEPS = "1. Open the box\n2. Keep the receipt\n";

let stage: WidgetStage;
let host: HostSite;
let browser: Browser;
let visitor: Page;
let ana: Page;

beforeAll(async () => {
  ({ host, browser } = stage = await startWidgetStage());
  ana = await openPanel(browser, await stage.product.loginUrl("ana"));
  await goOnline(ana);
  visitor = await (await browser.newContext({ viewport: { width: 390, height: 760 } })).newPage();
  visitor.on("pageerror", (error) => console.error("host page error:", error));
});

afterAll(async () => {
  await stage?.stop();
});

/** Pastes `file` into the widget's composer, as Ctrl+V of a copied picture does. */
async function pasteInto(page: Page, name: string, type: string, bytes: Buffer): Promise<void> {
  await page.locator("[data-testid=chat-input]").evaluate(
    (input, [name, type, data]) => {
      const transfer = new DataTransfer();
      transfer.items.add(
        new File([Uint8Array.from(atob(data!), (c) => c.charCodeAt(0))], name!, { type: type! }),
      );
      input.dispatchEvent(
        new ClipboardEvent("paste", { clipboardData: transfer, bubbles: true, cancelable: true }),
      );
    },
    [name, type, bytes.toString("base64")],
  );
}

describe("attachments", () => {
  it("go from the visitor to the agent and back", async () => {
    await visitor.goto(putHostPage(host, "/shop"));
    await visitor.locator("[data-testid=chat-launcher]").click();
    const input = visitor.locator("[data-testid=chat-input]");
    await input.fill("Hello, my order arrived broken");
    await input.press("Enter");
    await expect
      .poll(() =>
        visitor.locator("[data-testid=chat-message][data-from=visitor]").getAttribute("data-delivery"),
      )
      .toBe("sent");
    // The chunk is not loaded before the visitor uses it.
    expect(
      await visitor.evaluate(() =>
        performance.getEntriesByType("resource").some((r) => /attachments-/.test(r.name)),
      ),
    ).toBe(false);

    await pasteInto(visitor, "broken.png", "image/png", png(120, 80));
    const chooser = visitor.waitForEvent("filechooser");
    await visitor.locator("[data-testid=chat-attach]").click();
    await (await chooser).setFiles({ name: "invoice.pdf", mimeType: "application/pdf", buffer: PDF });
    const pending = visitor.locator("[data-testid=chat-pending-file]");
    await expect.poll(() => pending.count()).toBe(2);
    await expect
      .poll(() => pending.allInnerTexts(), { timeout: 15_000 })
      .toEqual([
        expect.stringMatching(/^broken\.png\s*[\d.]+\s?kB/),
        expect.stringMatching(/^invoice\.pdf\s*[\d.]+\s?kB/),
      ]);
    await input.fill("Photo and invoice attached");
    await input.press("Enter");
    await expect.poll(() => pending.count()).toBe(0);
    const sentRow = visitor.locator("[data-testid=chat-message][data-from=visitor]").last();
    await expect.poll(() => sentRow.getAttribute("data-delivery")).toBe("sent");
    await expect
      .poll(
        () =>
          sentRow
            .locator("[data-testid=attachment-image]")
            .evaluate((img: HTMLImageElement) => img.naturalWidth),
        {
          timeout: 15_000,
        },
      )
      .toBe(120);
    expect(await sentRow.locator("[data-testid=attachment-link]").innerText()).toMatch(
      /invoice\.pdf\s+[\d.]+\s?kB/,
    );
    await visitor.screenshot({ path: `${SHOTS}/widget-light-390.png` });

    // Ana's panel: the thumbnail loaded through its signed link, the PDF as a named link with its size.
    await ana.locator("[data-testid=inbox-item] [data-testid=open-conversation]").first().click();
    const row = ana.locator("[data-testid=transcript-message][data-from=visitor]").last();
    const thumb = row.locator("[data-testid=attachment-image]");
    await expect
      .poll(() => thumb.evaluate((img: HTMLImageElement) => img.naturalWidth), { timeout: 15_000 })
      .toBe(120);
    expect(await thumb.getAttribute("alt")).toBe("broken.png");
    const pdfLink = row.locator("[data-testid=attachment-link]");
    expect(await pdfLink.innerText()).toMatch(/^invoice\.pdf\s+\d+ B$/);
    expect(await pdfLink.getAttribute("href")).toMatch(/\/v1\/sites\/demo\/files\/att_[\w-]+\?exp=\d+&sig=/);

    // Ana answers with a file of her own (the paperclip's input), and a line.
    await ana.locator("[data-testid=attach-input]").setInputFiles({
      name: "steps.txt",
      mimeType: "text/plain",
      buffer: Buffer.from(STEPS),
    });
    await expect
      .poll(() => ana.locator("[data-testid=pending-file]").innerText(), { timeout: 15_000 })
      .toMatch(/steps\.txt\s+\d+ B/);
    await ana.locator("[data-testid=reply-input]").fill("Here is what to do next");
    await ana.locator("[data-testid=reply-input]").press("Enter");
    const reply = ana.locator("[data-testid=transcript-message][data-from=agent]").last();
    await expect.poll(() => reply.getAttribute("data-delivery")).toBe("sent");
    await expect
      .poll(() => reply.locator("[data-testid=attachment-link]").count(), { timeout: 15_000 })
      .toBe(1);
    await ana.screenshot({ path: `${SHOTS}/panel-conversation.png` });

    // The visitor opens it: a download from the chat server, with its bytes.
    const answer = visitor.locator("[data-testid=chat-message][data-from=agent]").last();
    const link = answer.locator("[data-testid=attachment-link]");
    await expect.poll(() => link.count(), { timeout: 15_000 }).toBe(1);
    expect(await link.innerText()).toMatch(/steps\.txt\s+[\d.]+\s?kB/);
    expect(new URL((await link.getAttribute("href"))!).origin).toBe(stage.product.server.origin);
    const download = visitor.waitForEvent("download");
    await link.click();
    const file = await download;
    expect(file.suggestedFilename()).toBe("steps.txt");
    expect(readFileSync((await file.path())!, "utf8")).toBe(STEPS);
    await visitor.screenshot({ path: `${SHOTS}/widget-light-390-reply.png` });
    expect(
      await visitor.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations),
    ).toEqual([]);
  });

  it("shows the files in the dark theme too", async () => {
    const dark = await (
      await browser.newContext({ viewport: { width: 390, height: 760 }, colorScheme: "dark" })
    ).newPage();
    await dark.goto(putHostPage(host, "/dark", { data: { theme: "dark" } }));
    await dark.locator("[data-testid=chat-launcher]").click();
    await pasteInto(dark, "photo.png", "image/png", png(60, 90));
    await expect
      .poll(() => dark.locator("[data-testid=chat-pending-file]").innerText(), { timeout: 15_000 })
      .toMatch(/photo\.png/);
    await dark.screenshot({ path: `${SHOTS}/widget-dark-390-pending.png` });
    await dark.locator("[data-testid=chat-send]").click();
    const row = dark.locator("[data-testid=chat-message][data-from=visitor]").last();
    await expect.poll(() => row.getAttribute("data-delivery"), { timeout: 15_000 }).toBe("sent");
    await expect
      .poll(
        () =>
          row.locator("[data-testid=attachment-image]").evaluate((img: HTMLImageElement) => img.naturalWidth),
        {
          timeout: 15_000,
        },
      )
      .toBe(60);
    await dark.screenshot({ path: `${SHOTS}/widget-dark-390.png` });
  });

  it("speaks the visitor's language: sizes, a refusal and the remove button in French", async () => {
    const page = await (await browser.newContext({ viewport: { width: 390, height: 760 } })).newPage();
    await page.goto(putHostPage(host, "/fr", { data: { locale: "fr" } }));
    await page.locator("[data-testid=chat-launcher]").click();
    // A page disguised as a picture: refused by its bytes, said in French.
    await pasteInto(page, "cat.png", "image/png", Buffer.from("<!doctype html><script>alert(1)</script>"));
    const pending = page.locator("[data-testid=chat-pending-file]");
    await expect
      .poll(() => pending.innerText(), { timeout: 15_000 })
      .toMatch(/^cat\.png\s*Ce type de fichier ne peut pas être envoyé/);
    expect(await pending.locator("button").getAttribute("aria-label")).toBe("Retirer cat.png");
    await pending.locator("button").click();
    // Over the site's limit (the demo's 10 MB): the limit is said, in French units.
    await pasteInto(page, "big.png", "image/png", Buffer.alloc(11 * 1024 * 1024));
    await expect
      .poll(() => pending.innerText(), { timeout: 15_000 })
      .toMatch(/^big\.png\s*Trop volumineux : les fichiers peuvent faire jusqu’?'?à 10\s?Mo/);
    await page.screenshot({ path: `${SHOTS}/widget-fr-390-too-large.png` });
    await pending.locator("button").click();
    await pasteInto(page, "photo.png", "image/png", png(600, 400));
    await expect.poll(() => pending.innerText(), { timeout: 15_000 }).toMatch(/^photo\.png\s*[\d,]+\s?ko/);
    await page.screenshot({ path: `${SHOTS}/widget-fr-390-pending.png` });
    await page.context().close();
  });
});
