/** Lone surrogates become U+FFFD; pairs and ordinary text are kept as they are. */
import { describe, expect, it } from "vitest";
import { wellFormed } from "../../../../core/well-formed-text";

describe("wellFormed", () => {
  it("replaces lone surrogates only", () => {
    expect(wellFormed("a\uD800b")).toBe("a\uFFFDb");
    expect(wellFormed("\uDC00x\uD83D")).toBe("\uFFFDx\uFFFD");
    expect(wellFormed("ok 😀 ñ")).toBe("ok 😀 ñ");
    expect(wellFormed("\uDC00\uD800")).toBe("\uFFFD\uFFFD");
  });
});
