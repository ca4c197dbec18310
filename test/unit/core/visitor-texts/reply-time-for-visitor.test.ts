/**
 * The reply time the widget's status line shows (`replyTimeForVisitor`, sent in the status
 * frame) says what the team's "assigned" line in the transcript says, in every built-in
 * language and for any reply time; a locale nobody wrote texts for gets Intl's unit names,
 * and a missing or junk locale English.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_CATALOGS, renderVisitorMessage, replyTimeForVisitor } from "../../../../core/visitor-texts";

const builtIn = Object.keys(DEFAULT_CATALOGS);

describe("replyTimeForVisitor", () => {
  it("is the phrase inside the team's assigned line, whatever the language and the seconds", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...builtIn),
        fc.constantFrom("", "-XX"),
        fc.integer({ min: 0, max: 6 * 3600 }),
        (language, region, seconds) => {
          const locale = `${language}${region}`;
          const line = renderVisitorMessage("assigned", {
            locale,
            vars: { name: "Ana", replySeconds: seconds },
          });
          expect(line).toContain(replyTimeForVisitor(seconds, locale));
        },
      ),
    );
  });

  it("says a few minutes where a rounded number said 2 minutes", () => {
    expect(replyTimeForVisitor(100, "en-US")).toBe("a few minutes");
    expect(replyTimeForVisitor(100, "fr")).not.toMatch(/2/);
  });

  it("falls back to Intl's units for other languages and to English without a usable locale", () => {
    expect(replyTimeForVisitor(20 * 60, "sv-SE")).toMatch(/20 minuter/);
    expect(replyTimeForVisitor(100, undefined)).toBe("a few minutes");
    expect(replyTimeForVisitor(100, "not a locale!")).toBe("a few minutes");
  });
});
