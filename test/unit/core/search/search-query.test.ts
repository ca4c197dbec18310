import { describe, expect, it } from "vitest";
import { matchExpression } from "../../../../core/search/search-query";

describe("matchExpression", () => {
  it("requires every word, each as a word's start", () => {
    expect(matchExpression("parcel damaged", 10)).toBe('"parcel"* AND "damaged"*');
  });

  it("lets no FTS5 syntax through from the search box", () => {
    expect(matchExpression('text:"x" OR NEAR(a b) *', 10)).toBe(
      '"text"* AND "x"* AND "or"* AND "near"* AND "a"* AND "b"*',
    );
    expect(matchExpression('  "" ** () ', 10)).toBeNull();
  });

  it("keeps letters of any script, drops repeats and words past the limit", () => {
    expect(matchExpression("Café café Посылка 包裹", 10)).toBe('"café"* AND "посылка"* AND "包裹"*');
    expect(matchExpression("a b c d", 2)).toBe('"a"* AND "b"*');
  });
});
