/**
 * The widget's attachment chunk: it reads the visitor token where the widget writes it, and it
 * speaks every language the widget speaks (a table chunk per language but English, which comes
 * with the chunk; each string its own, refusals chosen by the server's code, sizes written by
 * Intl in the visitor's language).
 */
import { describe, expect, it } from "vitest";
import { filesTables, loadFilesStrings, refusalText, sizeText, tokenKey } from "../../../widget/attachments";
import { tables } from "../../../widget/i18n";
import { visitorTokenKey } from "../../../widget/widget-config";

const languages = Object.keys(tables) as (keyof typeof tables)[];

describe("the widget's attachment chunk", () => {
  it("uses the widget's own key for the visitor token", () => {
    expect(tokenKey("shop-1")).toBe(visitorTokenKey("shop-1"));
  });

  it("has its strings in every language the widget speaks, none left in English", async () => {
    expect(Object.keys(filesTables).sort()).toEqual([...languages].sort());
    const english = (await filesTables.en()).default;
    for (const language of languages) {
      const strings = (await filesTables[language]()).default;
      expect(Object.keys(strings), language).toEqual(Object.keys(english));
      expect(strings.remove, language).toContain("{name}");
      for (const [key, text] of Object.entries(strings)) {
        expect(text.trim(), `${language}.${key}`).not.toBe("");
        if (language !== "en")
          expect(text, `${language}.${key}`).not.toBe(english[key as keyof typeof english]);
      }
    }
  });

  it("says why a file was refused in the visitor's language, by the server's code", async () => {
    expect(refusalText(await loadFilesStrings("fr"), "too_large")).toBe("Ce fichier est trop volumineux");
    expect(refusalText(await loadFilesStrings("es-MX"), "unsupported_type")).toBe(
      "No se pueden enviar archivos de este tipo",
    );
    expect(refusalText(await loadFilesStrings("ru"), "offline")).toBe("Не загружено: нет соединения");
    const de = await loadFilesStrings("de");
    expect(refusalText(de, "rate_limited")).toBe("Nicht hochgeladen");
    expect(refusalText(de, undefined)).toBe("Nicht hochgeladen");
    // Too large, with the site's limit the server gave, in the visitor's language and units.
    expect(refusalText(await loadFilesStrings("fr"), "too_large", 10 * 1024 * 1024, "fr")).toBe(
      "Trop volumineux : les fichiers peuvent faire jusqu'à 10\u202fMo",
    );
    expect(refusalText(await loadFilesStrings("en"), "too_large", 1000, "en")).toBe(
      "Too large: files can be up to 1 kB",
    );
    for (const language of Object.keys(filesTables))
      expect((await loadFilesStrings(language)).too_large_max, language).toContain("{max}");
    // A language the widget does not speak falls back to English.
    expect(refusalText(await loadFilesStrings("fi"), "too_many")).toBe("Too many files in this chat");
  });

  it("writes sizes in the visitor's language", () => {
    expect(sizeText("en", 34 * 1024)).toBe("34 kB");
    expect(sizeText("fr", 1.2 * 1024 * 1024)).toBe("1,2\u202fMo");
    expect(sizeText("ru", 1.2 * 1024 * 1024)).toBe("1,2 МБ");
    // A tiny file is never "0 kB".
    expect(sizeText("en", 10)).toBe("0.1 kB");
  });
});
