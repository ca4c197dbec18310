/**
 * Attachments over HTTP, for the widget's attachment chunk and the panel: the upload (XHR, for
 * its progress events; the raw file as the body, the token as `Authorization: Bearer`) and the
 * signed download links, fetched in batches and kept until shortly before they expire.
 */
import type { AttachmentRef } from "../protocol/wire";

// Checked by hand, not with frame-check.ts: the widget's attachment chunk must import nothing
// the chat view holds, or the view would be split (and grow) to share it.
const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null;
const isSize = (value: unknown) => value === undefined || typeof value === "number";

/** A file reference off the wire: what the renderers read of it, checked. */
export function isAttachmentRef(value: unknown): value is AttachmentRef {
  return (
    isObject(value) &&
    typeof value.id === "string" &&
    typeof value.name === "string" &&
    typeof value.size === "number" &&
    typeof value.type === "string" &&
    isSize(value.width) &&
    isSize(value.height)
  );
}

/** Where a client's attachment routes are and who it is. */
export interface AttachmentEndpoint {
  /** `…/v1/sites/SITE/attachments` (visitors) or `…/v1/sites/SITE/agent/attachments` (agents). */
  base: string;
  token: () => string | null;
  /** Agents name the team; a visitor's is the one their session went to. */
  team?: string;
  /** Agents name the conversation at upload. */
  conversation?: string;
}

/**
 * A refused upload: the server's sentence, its error code (`offline`: no answer at all) and,
 * for `too_large`, the most it takes in bytes.
 */
export type UploadResult =
  { ok: true; ref: AttachmentRef } | { ok: false; message: string; code: string; limit?: number };

export function uploadFile(
  endpoint: AttachmentEndpoint,
  file: File,
  onProgress: (fraction: number) => void,
): Promise<UploadResult> {
  return new Promise((resolve) => {
    const query = new URLSearchParams({ name: file.name || "pasted" });
    if (endpoint.team) query.set("team", endpoint.team);
    if (endpoint.conversation) query.set("conversation", endpoint.conversation);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `${endpoint.base}?${query}`);
    // No token: the panel, whose session cookie goes along by itself.
    const token = endpoint.token();
    if (token) xhr.setRequestHeader("Authorization", `Bearer ${token}`);
    xhr.upload.onprogress = (event) => event.lengthComputable && onProgress(event.loaded / event.total);
    xhr.onload = () => {
      let body: { attachment?: unknown; error?: { message?: unknown; code?: unknown; limit?: unknown } } = {};
      try {
        body = JSON.parse(xhr.responseText) as typeof body;
      } catch {
        // not JSON: the status says enough
      }
      if (xhr.status === 201 && isAttachmentRef(body.attachment)) resolve({ ok: true, ref: body.attachment });
      else
        resolve({
          ok: false,
          message:
            typeof body.error?.message === "string" ? body.error.message : `upload failed (${xhr.status})`,
          code: typeof body.error?.code === "string" ? body.error.code : "internal",
          ...(typeof body.error?.limit === "number" ? { limit: body.error.limit } : {}),
        });
    };
    xhr.onerror = () => resolve({ ok: false, message: "upload failed: no connection", code: "offline" });
    xhr.send(file);
  });
}

interface Link {
  id: string;
  url: string;
  expiresAt: number;
}
const isLink = (value: unknown): value is Link =>
  isObject(value) &&
  typeof value.id === "string" &&
  typeof value.url === "string" &&
  typeof value.expiresAt === "number";

/** Signed links by attachment id, asked for in one batch per render and renewed before expiry. */
export class AttachmentLinks {
  readonly #links = new Map<string, { url: string; expiresAt: number }>();
  readonly #wanted = new Set<string>();
  #asking = false;

  constructor(
    private readonly endpoint: AttachmentEndpoint,
    private readonly changed: () => void,
  ) {}

  /** The link for `id` if one is fresh; otherwise asks for it (and `changed` fires when it comes). */
  url(id: string, now = Date.now()): string | null {
    const link = this.#links.get(id);
    if (link && link.expiresAt - now > 15_000) return link.url;
    this.#wanted.add(id);
    if (!this.#asking) queueMicrotask(() => void this.#ask());
    return null;
  }

  async #ask(): Promise<void> {
    const { team } = this.endpoint;
    if (this.#asking || this.#wanted.size === 0) return;
    this.#asking = true;
    const ids = [...this.#wanted].slice(0, 100);
    ids.forEach((id) => this.#wanted.delete(id));
    try {
      const response = await fetch(`${this.endpoint.base}/links`, {
        method: "POST",
        headers: {
          ...(this.endpoint.token() ? { Authorization: `Bearer ${this.endpoint.token()}` } : {}),
          "Content-Type": "application/json",
        },
        body: JSON.stringify(team ? { team, ids } : { ids }),
      });
      const body: unknown = await response.json();
      const list =
        response.ok && isObject(body) && Array.isArray(body.links) ? (body.links as unknown[]) : [];
      for (const link of list) if (isLink(link)) this.#links.set(link.id, link);
    } catch {
      // Offline: the next render asks again.
    } finally {
      this.#asking = false;
    }
    this.changed();
  }
}

/** `1.2 MB`, `34 KB`, `512 B`. */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
}
