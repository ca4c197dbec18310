/**
 * The team messages schema: templates may only use their own variables, language keys must
 * be tags, and the built-in catalogs themselves pass the same check and cover every key.
 */
import { describe, expect, test } from "vitest";
import { DEFAULT_CATALOGS } from "../../../../core/visitor-texts";
import { MessageTemplateKey, teamMessagesSchema } from "../../../../protocol/team-messages";

const issues = (input: unknown) =>
  teamMessagesSchema
    .safeParse(input)
    .error?.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);

describe("team messages schema", () => {
  test("rejects a variable the template cannot have, naming the template and the allowed ones", () => {
    expect(issues({ templates: { es: { welcome: "Hola {name}" } } })).toEqual([
      "templates.es.welcome: unknown variable {name}; welcome may use {team}",
    ]);
    expect(issues({ templates: { en: { overflow: "Wait {wait}, place {postion}" } } })).toEqual([
      "templates.en.overflow: unknown variable {postion}; overflow may use {team}, {position}, {wait}, {minutes}",
    ]);
  });

  test("rejects an unknown template key, a malformed language and an empty text", () => {
    expect(issues({ templates: { en: { goodbye: "Bye" } } })?.[0]).toMatch(/^templates\.en/);
    expect(issues({ templates: { "español!": { welcome: "Hola" } } })?.[0]).toMatch(/^templates/);
    expect(issues({ templates: { en: { welcome: "   " } } })?.[0]).toMatch(/^templates\.en\.welcome/);
    expect(issues({ defaultLanguage: "Spanish please" })?.[0]).toMatch(/^defaultLanguage/);
  });

  test("accepts overrides using their variables and defaults to no overrides", () => {
    expect(teamMessagesSchema.parse({})).toEqual({ templates: {} });
    expect(
      issues({ defaultLanguage: "es", templates: { "es-MX": { away: "Volvemos {opensAt}. {team}" } } }),
    ).toBeUndefined();
  });

  test("every built-in language has every template, and they pass the same variable check", () => {
    expect(Object.keys(DEFAULT_CATALOGS).sort()).toEqual([
      "ar",
      "de",
      "en",
      "es",
      "fr",
      "he",
      "it",
      "ja",
      "nl",
      "pt",
      "ru",
      "tr",
      "zh",
    ]);
    for (const [language, catalog] of Object.entries(DEFAULT_CATALOGS)) {
      expect(Object.keys(catalog.templates).sort(), language).toEqual(
        Object.values(MessageTemplateKey).sort(),
      );
      expect(issues({ templates: { [language]: catalog.templates } }), language).toBeUndefined();
    }
  });
});
