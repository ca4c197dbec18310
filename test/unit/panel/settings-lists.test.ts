import { describe, expect, it } from "vitest";
import { moveItem } from "../../../panel/settings-lists";

describe("moveItem", () => {
  it("moves one item up or down and leaves the list it was given alone", () => {
    const list = ["a", "b", "c"];
    expect(moveItem(list, 2, -1)).toEqual(["a", "c", "b"]);
    expect(moveItem(list, 0, 1)).toEqual(["b", "a", "c"]);
    expect(list).toEqual(["a", "b", "c"]);
  });
});
