import { describe, expect, it } from "vitest";
import { moveItem, rowError, uniqueId } from "../../../panel/settings-lists";

describe("moveItem", () => {
  it("moves one item up or down and leaves the list it was given alone", () => {
    const list = ["a", "b", "c"];
    expect(moveItem(list, 2, -1)).toEqual(["a", "c", "b"]);
    expect(moveItem(list, 0, 1)).toEqual(["b", "a", "c"]);
    expect(list).toEqual(["a", "b", "c"]);
  });
});

describe("uniqueId", () => {
  it("makes a slug, falls back when empty, and numbers one already taken", () => {
    expect(uniqueId("refund policy!", "reply", new Set())).toBe("refund-policy");
    expect(uniqueId("¡¡", "label", new Set())).toBe("label");
    expect(uniqueId("bug", "label", new Set(["bug", "bug-2"]))).toBe("bug-3");
  });
});

describe("rowError", () => {
  it("places a refusal on the row its path names, else on the list", () => {
    expect(rowError(null)).toBeNull();
    expect(rowError({ message: "bad", path: "2.text" })).toEqual({ message: "bad", index: 2 });
    expect(rowError({ message: "bad" })).toEqual({ message: "bad", index: null });
  });
});
