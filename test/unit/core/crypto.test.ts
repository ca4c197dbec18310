/** The WebCrypto helpers (core/crypto.ts) in plain Node: base64url both ways, HMAC, comparison. */
import { describe, expect, it } from "vitest";
import { base64UrlDecode, base64UrlEncode, hmacSha256, timingSafeEqual } from "../../../core/crypto";

describe("base64url", () => {
  it("encodes and decodes every length as Node's own base64url does", () => {
    for (const length of [0, 1, 2, 3, 4, 31, 32, 33, 255, 8191, 8192, 8193, 20_000]) {
      const bytes = new Uint8Array(length).map((_, i) => (i * 131 + length) & 255);
      const text = base64UrlEncode(bytes);
      expect(text).toBe(Buffer.from(bytes).toString("base64url"));
      expect(base64UrlDecode(text)).toEqual(bytes);
    }
  });

  it("refuses what is not base64url", () => {
    expect(base64UrlDecode("ab+c")).toBeNull();
    expect(base64UrlDecode("ab/c")).toBeNull();
    expect(base64UrlDecode("abc=")).toBeNull();
    // One character past a whole group is no byte at all.
    expect(base64UrlDecode("a")).toBeNull();
  });
});

describe("hmacSha256", () => {
  it("signs as Node's crypto does, with the key imported once per secret", async () => {
    const { createHmac } = await import("node:crypto");
    for (const [secret, data] of [
      ["s1", "body"],
      ["s2", "body"],
      ["s1", "other"],
    ] as const) {
      const ours = await hmacSha256(secret, data);
      expect(Buffer.from(ours).toString("hex")).toBe(createHmac("sha256", secret).update(data).digest("hex"));
    }
  });

  it("timingSafeEqual tells equal bytes from different ones of any length", () => {
    expect(timingSafeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2]))).toBe(true);
    expect(timingSafeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 3]))).toBe(false);
    expect(timingSafeEqual(new Uint8Array([1]), new Uint8Array([1, 2]))).toBe(false);
  });
});
