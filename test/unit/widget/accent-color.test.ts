import { describe, expect, it } from "vitest";
import { accentCss, textOn } from "../../../widget/accent-color";

describe("textOn (the text colour on an accent)", () => {
  it("is black on light colours and white on dark ones, short or long hex", () => {
    expect(textOn("#ffeb3b")).toBe("#111");
    expect(textOn("#fff")).toBe("#111");
    expect(textOn("#1a237e")).toBe("#fff");
    expect(textOn("#000")).toBe("#fff");
  });

  it("has no opinion on colours that are not hex", () => {
    expect(textOn("rebeccapurple")).toBeNull();
    expect(textOn("#12345")).toBeNull();
  });
});

describe("accentCss (the color attribute as a host rule)", () => {
  it("sets the accent, with a contrast colour for hex", () => {
    expect(accentCss("#0a7")).toBe(":host{--chat-accent:#0a7;--chat-accent-contrast:#111}");
    expect(accentCss("rebeccapurple")).toBe(":host{--chat-accent:rebeccapurple}");
  });

  it("writes nothing for a missing value or one that could close the rule", () => {
    expect(accentCss(null)).toBe("");
    expect(accentCss("")).toBe("");
    expect(accentCss("red;}body{display:none")).toBe("");
    expect(accentCss("x".repeat(65))).toBe("");
  });
});
