/** The attachment chunk reads the visitor token where the widget writes it. */
import { describe, expect, it } from "vitest";
import { tokenKey } from "../../../widget/attachments";
import { visitorTokenKey } from "../../../widget/widget-config";

describe("the widget's attachment chunk", () => {
  it("uses the widget's own key for the visitor token", () => {
    expect(tokenKey("shop-1")).toBe(visitorTokenKey("shop-1"));
  });
});
