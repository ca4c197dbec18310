/** The fill of a canned reply's variables, as the panel runs it on insert. */
import { describe, expect, it } from "vitest";
import { cannedReplyVariables, fillCannedReply } from "../../../protocol/canned-reply-fill";

describe("fillCannedReply", () => {
  it("replaces each variable, spaces inside the braces allowed, repeats included", () => {
    expect(
      fillCannedReply("Hi {{visitor.name}}, {{ agent.name }} here. Bye {{visitor.name}}!", {
        "visitor.name": "Dana",
        "agent.name": "Ana García",
      }),
    ).toBe("Hi Dana, Ana García here. Bye Dana!");
  });

  it("puts the fallback where a value is missing or empty, so no braces reach the visitor", () => {
    expect(fillCannedReply("Mail: {{visitor.email}}.", {}, "(none)")).toBe("Mail: (none).");
    expect(fillCannedReply("Hi {{visitor.name}}!", { "visitor.name": "" })).toBe("Hi !");
  });

  it("leaves single braces and text without variables alone, and does not expand values", () => {
    expect(fillCannedReply("Use {team} or {{", {})).toBe("Use {team} or {{");
    expect(fillCannedReply("{{visitor.name}}", { "visitor.name": "{{agent.name}}", "agent.name": "X" })).toBe(
      "{{agent.name}}",
    );
  });

  it("lists the variables a text uses", () => {
    expect(cannedReplyVariables("{{a.b}} and {{ c }}")).toEqual(["a.b", "c"]);
  });
});
