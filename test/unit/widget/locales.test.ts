/**
 * Every language the widget speaks has every string (the types check that a key exists;
 * this checks none is empty and each keeps the English holes), a launcher name, and built-in
 * server texts in the same language, so a visitor never reads an English status line under
 * a translated widget. Also the fallback by language family, then the team's default.
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_CATALOGS } from "../../../core/visitor-texts";
import { languageCandidates, resolveTemplate } from "../../../core/visitor-texts/language-resolution";
import { MessageTemplateKey } from "../../../protocol/team-messages";
import { loadStrings, tables } from "../../../widget/i18n";
import { isRtl, LAUNCHER, type Language } from "../../../widget/locale";
import english from "../../../widget/strings/strings-en";

const REQUIRED = ["en", "es", "fr", "ru", "ar", "de", "pt", "it", "nl", "tr", "ja", "zh", "he"];
const holes = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
const languages = Object.keys(tables) as Language[];

describe("widget string tables", () => {
  it("cover at least the thirteen required languages, each with a launcher name", () => {
    expect(languages).toEqual(expect.arrayContaining(REQUIRED));
    expect(Object.keys(LAUNCHER).sort()).toEqual([...languages].sort());
  });

  it.each(languages)("%s has every key, none empty, with the English holes", async (language) => {
    const table = await loadStrings(language);
    expect(Object.keys(table).sort()).toEqual(Object.keys(english).sort());
    for (const [key, text] of Object.entries(table)) {
      expect(text.trim(), `${language}.${key}`).not.toBe("");
      expect(holes(text), `${language}.${key}`).toEqual(holes(english[key as keyof typeof english]));
    }
  });

  it("lays out Arabic and Hebrew right to left, the others left to right", () => {
    expect(languages.filter(isRtl).sort()).toEqual(["ar", "he"]);
  });
});

describe("server texts in the widget's languages", () => {
  it.each(languages)("%s has a built-in catalog with every template and plural form 'other'", (language) => {
    const catalog = DEFAULT_CATALOGS[language];
    expect(catalog, language).toBeDefined();
    expect(Object.keys(catalog!.templates).sort()).toEqual(Object.values(MessageTemplateKey).sort());
    for (const forms of [catalog!.phrases.replyMinutes, catalog!.phrases.waitHours])
      expect(forms.other).toContain("{n}");
  });

  it("falls back by language family, then to the team's default, then English", () => {
    expect(resolveTemplate("welcome", languageCandidates("pt-BR", "de"), undefined)).toMatchObject({
      language: "pt",
    });
    expect(resolveTemplate("welcome", languageCandidates("sv-SE", "de"), undefined)).toMatchObject({
      language: "de",
    });
    expect(resolveTemplate("welcome", languageCandidates("sv-SE", undefined), undefined)).toMatchObject({
      language: "en",
    });
    expect(resolveTemplate("away", languageCandidates("ar-EG", "en"), undefined).text).toBe(
      DEFAULT_CATALOGS.ar!.templates.away,
    );
  });
});
