/**
 * The page-pattern glob: literal text, `*` anywhere, whole-string anchoring, and no blow-up
 * on a long URL against a pattern full of stars.
 */
import { describe, expect, test } from "vitest";
import { matchesGlob } from "../../../../core/routing";

describe("matchesGlob", () => {
  test.each([
    ["https://shop.example/pricing", "https://shop.example/pricing", true],
    ["https://shop.example/pricing", "https://shop.example/pricing/", false],
    ["https://shop.example/pricing*", "https://shop.example/pricing?plan=pro", true],
    ["*/pricing*", "https://shop.example/de/pricing", true],
    ["*/pricing", "https://shop.example/pricing/teams", false],
    ["*.example/*/checkout", "https://shop.example/es/checkout", true],
    ["*.example/*/checkout", "https://shop.example/checkout", false],
    ["*", "", true],
    ["a*b*c", "abc", true],
    ["a*b*c", "acb", false],
    ["*ab", "aab", true],
    ["https://shop.example/?.html", "https://shop.example/a.html", false],
    ["https://shop.example/?.html", "https://shop.example/?.html", true],
  ])("%s against %s is %s", (pattern, url, expected) => {
    expect(matchesGlob(pattern, url)).toBe(expected);
  });

  test("a pattern of many stars against a long URL that nearly matches answers quickly", () => {
    const url = `https://shop.example/${"a".repeat(2_000)}`;
    const pattern = `${"*a".repeat(10)}b`;
    const started = performance.now();
    expect(matchesGlob(pattern, url)).toBe(false);
    expect(performance.now() - started).toBeLessThan(100);
  });
});
