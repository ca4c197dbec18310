/** The reply box's `/` list: when it opens, and which canned replies match in which order. */
import { describe, expect, it } from "vitest";
import { matchCannedReplies, slashQuery } from "../../../panel/canned-reply-picker";

const replies = [
  { id: "greeting", title: "Greeting", text: "Hi {{visitor.name}}" },
  { id: "refund", title: "Refund policy", text: "Returns within 30 days" },
  { id: "returns", title: "Return label", text: "We email a prepaid label; refund in 5 days" },
];

describe("slashQuery", () => {
  it("opens on a / at the start of the box, until a line break", () => {
    expect(slashQuery("/")).toBe("");
    expect(slashQuery("/ref pol")).toBe("ref pol");
    expect(slashQuery("hello /ref")).toBeNull();
    expect(slashQuery("/ref\nmore")).toBeNull();
    expect(slashQuery("")).toBeNull();
  });
});

describe("matchCannedReplies", () => {
  it("lists everything for an empty query, in the team's order", () => {
    expect(matchCannedReplies(replies, "").map((r) => r.id)).toEqual(["greeting", "refund", "returns"]);
  });

  it("needs every word, in any case, and puts title matches before text matches", () => {
    expect(matchCannedReplies(replies, "REFUND").map((r) => r.id)).toEqual(["refund", "returns"]);
    expect(matchCannedReplies(replies, "label refund").map((r) => r.id)).toEqual(["returns"]);
    expect(matchCannedReplies(replies, "days").map((r) => r.id)).toEqual(["refund", "returns"]);
    expect(matchCannedReplies(replies, "nothing")).toEqual([]);
  });
});
