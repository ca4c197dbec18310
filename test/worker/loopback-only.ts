/**
 * The worker tests' outbound fetch (miniflare's `outboundService`, run in Node): a request to
 * 127.0.0.1 (the webhook receiver of `webhook-receiver.global.ts`) goes through; anything
 * else is answered 502 here, before any DNS lookup, and logged with its URL, so no test ever
 * sends traffic off the loopback (a webhook URL or a site origin such as `shop.example`).
 */
import { fetch as miniflareFetch, type Request as MiniflareRequest } from "miniflare";

const LOOPBACK = new Set(["127.0.0.1", "[::1]", "localhost"]);

export async function loopbackOnly(request: MiniflareRequest) {
  const { hostname } = new URL(request.url);
  if (LOOPBACK.has(hostname)) return miniflareFetch(request);
  console.error(`worker tests: refused an outbound ${request.method} ${request.url} (not 127.0.0.1)`);
  return new Response(`the worker tests reach 127.0.0.1 only, not ${hostname}`, { status: 502 });
}
