/** Small real files for the attachment tests (what their bytes say, whatever their names), and a visitor's upload. */
import { SELF } from "cloudflare:test";
import { BASE, ORIGIN, type VisitorClient } from "./helpers";

/** Uploads `bytes` as `name` with the visitor's token, to the team their session is in. */
export function visitorUpload(site: string, visitor: VisitorClient, name: string, bytes: Uint8Array) {
  return SELF.fetch(`${BASE}/v1/sites/${site}/attachments?name=${encodeURIComponent(name)}`, {
    method: "POST",
    headers: { Origin: ORIGIN, Authorization: `Bearer ${visitor.session.visitorToken}` },
    body: bytes,
  });
}

/** The id of an upload the server took (201), or an error naming what it answered. */
export async function uploadedId(response: Response): Promise<string> {
  if (response.status !== 201) throw new Error(`${response.status} ${await response.text()}`);
  return ((await response.json()) as { attachment: { id: string } }).attachment.id;
}

/** A 3×2 PNG (signature, IHDR with its size; enough for the type check and the thumbnail size). */
export function pngBytes(width = 3, height = 2): Uint8Array {
  const bytes = new Uint8Array(64);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  const view = new DataView(bytes.buffer);
  view.setUint32(16, width);
  view.setUint32(20, height);
  return bytes;
}

export const pdfBytes = () =>
  new TextEncoder().encode("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer\n%%EOF\n");

/** A page with a script, to be sent as `cat.png` with `Content-Type: image/png`. */
export const htmlBytes = () =>
  new TextEncoder().encode("<!doctype html><script>alert(document.cookie)</script>");

/** A Word file's outline: a zip whose part names say `word/`. */
export function docxBytes(): Uint8Array {
  const text = "PK\x03\x04\x14\x00\x00\x00[Content_Types].xml....word/document.xml....PK\x05\x06";
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
}
