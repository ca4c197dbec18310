/**
 * Visitor messages: every kind in several languages (exact text), reply times and waits
 * phrased naturally, Russian plural forms, the away time in the visitor's own zone, team
 * overrides and the language fallback order.
 */
import { describe, expect, test } from "vitest";
import { renderVisitorMessage, waitPhrase, replyTimePhrase } from "../../../../core/visitor-texts";
import { teamMessagesSchema } from "../../../../protocol/team-messages";

/** Some ICU versions put a narrow no-break space before AM/PM; compare it as a space. */
const plain = (text: string) => text.replaceAll("\u202f", " ");
const at = (iso: string) => Date.parse(iso);
const NBSP = "\u00a0";

describe("welcome and closed", () => {
  test.each([
    ["en", "Hi! How can we help you today?", "This conversation has ended. Thanks for chatting with us!"],
    ["es", "¡Hola! ¿En qué podemos ayudarte?", "Esta conversación ha terminado. ¡Gracias por escribirnos!"],
    [
      "fr",
      `Bonjour${NBSP}! Comment pouvons-nous vous aider${NBSP}?`,
      `Cette conversation est terminée. Merci de nous avoir contactés${NBSP}!`,
    ],
    ["ru", "Здравствуйте! Чем мы можем вам помочь?", "Разговор завершён. Спасибо, что обратились к нам!"],
  ])("%s", (locale, welcome, closed) => {
    expect(renderVisitorMessage("welcome", { locale, vars: {} })).toBe(welcome);
    expect(renderVisitorMessage("closed", { locale, vars: {} })).toBe(closed);
  });
});

describe("assigned", () => {
  const assigned = (locale: string, replySeconds: number) =>
    renderVisitorMessage("assigned", { locale, vars: { name: "Ana", replySeconds } });

  test("says who and how soon, in each language", () => {
    expect(assigned("en", 240)).toBe("You are talking to Ana. Ana usually replies in a few minutes.");
    expect(assigned("es", 240)).toBe("Estás hablando con Ana. Ana suele responder en pocos minutos.");
    expect(assigned("fr", 240)).toBe("Vous discutez avec Ana. Ana répond généralement en quelques minutes.");
    expect(assigned("ru", 240)).toBe("С вами на связи Ana. Обычно Ana отвечает в течение нескольких минут.");
  });

  test("about a minute, a few minutes, then minutes rounded up, then hours", () => {
    expect(assigned("en", 45)).toBe("You are talking to Ana. Ana usually replies in about a minute.");
    expect(assigned("es", 80)).toBe(
      "Estás hablando con Ana. Ana suele responder en aproximadamente un minuto.",
    );
    expect(assigned("en", 7 * 60 + 5)).toBe("You are talking to Ana. Ana usually replies in 8 minutes.");
    expect(assigned("en", 13 * 60)).toBe("You are talking to Ana. Ana usually replies in 15 minutes.");
    expect(assigned("fr", 70 * 60)).toBe(
      "Vous discutez avec Ana. Ana répond généralement en environ une heure.",
    );
    expect(assigned("en", 150 * 60)).toBe("You are talking to Ana. Ana usually replies in 3 hours.");
  });

  test("Russian reply times take the genitive after «в течение»: 1 минуты, 2 минут, 5 минут", () => {
    expect(assigned("ru", 60)).toBe("С вами на связи Ana. Обычно Ana отвечает в течение минуты.");
    expect(assigned("ru", 8 * 60)).toBe("С вами на связи Ana. Обычно Ana отвечает в течение 8 минут.");
    expect(assigned("ru", 2 * 3_600)).toBe("С вами на связи Ana. Обычно Ana отвечает в течение 2 часов.");
    expect(replyTimePhrase(21 * 3_600, "ru")).toBe("21 часа");
  });

  test("a name that looks like a variable is printed as it is", () => {
    const text = renderVisitorMessage("assigned", {
      locale: "en",
      teamName: "Sales",
      vars: { name: "{team}", replySeconds: 30 },
    });
    expect(text).toBe("You are talking to {team}. {team} usually replies in about a minute.");
  });
});

describe("overflow", () => {
  const overflow = (locale: string, position: number, etaSeconds: number | null) =>
    renderVisitorMessage("overflow", { locale, vars: { position, etaSeconds } });

  test("position and estimated wait, in each language", () => {
    expect(overflow("en", 3, 5 * 60)).toBe(
      "All our agents are busy right now. You are number 3 in the queue. Estimated wait: 5 minutes.",
    );
    expect(overflow("es", 3, 5 * 60)).toBe(
      "Todos nuestros agentes están ocupados en este momento. Tu posición en la cola: 3. Tiempo de espera estimado: 5 minutos.",
    );
    expect(overflow("fr", 1, 30)).toBe(
      `Tous nos conseillers sont occupés pour le moment. Votre position dans la file d'attente${NBSP}: 1. Temps d'attente estimé${NBSP}: moins d'une minute.`,
    );
    expect(overflow("ru", 2, 2 * 60)).toBe(
      "Все операторы сейчас заняты. Ваше место в очереди: 2. Примерное время ожидания: 2 минуты.",
    );
  });

  test("without an estimate nobody is online: the position, and no claim that agents are busy", () => {
    expect(overflow("en", 4, null)).toBe(
      "No agent is online right now. You are number 4 in the queue, and we'll reply as soon as someone is back.",
    );
    expect(overflow("ru", 4, null)).toBe(
      "Сейчас нет операторов в сети. Ваше место в очереди: 4. Мы ответим, как только кто-нибудь появится.",
    );
  });

  test("Russian waits take the right plural form: 1 минута, 2 минуты, 5 минут, 11 минут, 21 минута", () => {
    const minutes = [1, 2, 4, 5, 11, 12, 21, 22, 25].map((count) => waitPhrase(count * 60, "ru"));
    expect(minutes).toEqual([
      "1 минута",
      "2 минуты",
      "4 минуты",
      "5 минут",
      "11 минут",
      "12 минут",
      "21 минута",
      "22 минуты",
      "25 минут",
    ]);
    expect([1, 2, 5].map((count) => waitPhrase(count * 3_600, "ru"))).toEqual(["1 час", "2 часа", "5 часов"]);
    expect(waitPhrase(40, "ru")).toBe("меньше минуты");
  });

  test("English and Spanish say 1 minute, 2 minutes", () => {
    expect([
      waitPhrase(60, "en"),
      waitPhrase(120, "en"),
      waitPhrase(60, "es"),
      waitPhrase(120, "es"),
    ]).toEqual(["1 minute", "2 minutes", "1 minuto", "2 minutos"]);
  });
});

describe("away", () => {
  // Friday evening in Madrid; the team opens Monday 09:00 Madrid time (03:00 in New York).
  const now = at("2025-01-10T19:00+01:00");
  const opensAt = at("2025-01-13T09:00+01:00");
  interface AwayCase {
    locale?: string;
    timeZone?: string;
    opensAt?: number | null;
    outsideHours?: "queue" | "offline-form";
    now?: number;
  }
  const away = (options: AwayCase) =>
    plain(
      renderVisitorMessage("away", {
        locale: options.locale,
        timeZone: options.timeZone,
        teamTimeZone: "Europe/Madrid",
        vars: {
          opensAt: options.opensAt === undefined ? opensAt : options.opensAt,
          now: options.now ?? now,
          outsideHours: options.outsideHours ?? "queue",
        },
      }),
    );

  test("the opening is shown in the visitor's zone and language, with what happens to their message", () => {
    expect(away({ locale: "en-US", timeZone: "America/New_York" })).toBe(
      "We're away right now and will be back Monday 3:00 AM. Leave us a message and we'll reply as soon as we're back.",
    );
    expect(away({ locale: "es", timeZone: "America/New_York" })).toBe(
      "Ahora mismo no estamos disponibles; volvemos el lunes, 3:00. Déjanos tu mensaje y te responderemos en cuanto volvamos.",
    );
    expect(away({ locale: "ru", timeZone: "Europe/Moscow" })).toBe(
      "Сейчас мы не работаем. Снова будем на связи: понедельник 11:00. Оставьте сообщение, и мы ответим, как только вернёмся.",
    );
  });

  test("with the offline form, the visitor is asked for an email", () => {
    expect(away({ locale: "en-GB", timeZone: "Europe/London", outsideHours: "offline-form" })).toBe(
      "We're away right now and will be back Monday 08:00. Leave your email and a message, and we'll get back to you.",
    );
    expect(away({ locale: "fr", timeZone: "Europe/Paris", outsideHours: "offline-form" })).toBe(
      "Nous sommes absents pour le moment et serons de retour lundi 09:00. Laissez-nous votre adresse e-mail et votre message, et nous vous recontacterons.",
    );
  });

  test("without the visitor's zone, the team's zone is used and named", () => {
    expect(away({ locale: "es" })).toBe(
      "Ahora mismo no estamos disponibles; volvemos el lunes, 9:00 CET. Déjanos tu mensaje y te responderemos en cuanto volvamos.",
    );
    expect(away({ locale: "en-GB", timeZone: "Not/AZone" })).toContain("will be back Monday, 09:00 CET.");
  });

  test("a week or more ahead the date is shown, and the year when it is another year", () => {
    const nextWeek = at("2025-01-20T09:00+01:00");
    expect(away({ locale: "en-US", timeZone: "America/New_York", opensAt: nextWeek })).toContain(
      "will be back Monday, January 20 at 3:00 AM.",
    );
    expect(away({ locale: "es", timeZone: "Europe/Madrid", opensAt: nextWeek })).toContain(
      "volvemos el lunes, 20 de enero, 9:00.",
    );
    const newYear = at("2026-01-07T09:00+01:00");
    expect(
      away({
        locale: "en-US",
        timeZone: "Europe/Madrid",
        opensAt: newYear,
        now: at("2025-12-24T19:00+01:00"),
      }),
    ).toContain("will be back Wednesday, January 7, 2026 at 9:00 AM.");
  });

  test("six days ahead is still just the weekday (it cannot be mistaken for today)", () => {
    const thursdayNext = at("2025-01-16T09:00+01:00");
    expect(
      away({
        locale: "en-GB",
        timeZone: "Europe/Madrid",
        opensAt: thursdayNext,
        now: at("2025-01-10T08:00+01:00"),
      }),
    ).toContain("will be back Thursday 09:00.");
  });

  test("with no opening scheduled, no time is promised", () => {
    expect(away({ locale: "en", opensAt: null })).toBe(
      "We're away right now. Leave us a message and we'll reply as soon as we're back.",
    );
    expect(away({ locale: "ru", opensAt: null, outsideHours: "offline-form" })).toBe(
      "Сейчас мы не работаем. Оставьте адрес электронной почты и сообщение — мы свяжемся с вами.",
    );
  });

  test("a time ending in a dot does not double the sentence's dot", () => {
    expect(away({ locale: "es-MX", timeZone: "America/Mexico_City" })).toContain(
      "volvemos el lunes 2:00 a.m. Déjanos",
    );
  });
});

describe("team overrides and language fallback", () => {
  const messages = teamMessagesSchema.parse({
    templates: {
      es: { welcome: "¡Hola! Somos el equipo de {team}." },
      "es-MX": { closed: "¡Gracias por platicar con nosotros!" },
    },
  });
  const render = (kind: "welcome" | "closed", locale: string, defaultLanguage?: string) =>
    renderVisitorMessage(kind, {
      locale,
      teamName: "Ventas",
      templates: messages.templates,
      defaultLanguage,
      vars: {},
    });

  test("one kind overridden in one language; every other kind and language keeps its default", () => {
    expect(render("welcome", "es")).toBe("¡Hola! Somos el equipo de Ventas.");
    expect(render("closed", "es")).toBe("Esta conversación ha terminado. ¡Gracias por escribirnos!");
    expect(render("welcome", "en")).toBe("Hi! How can we help you today?");
    expect(
      renderVisitorMessage("assigned", {
        locale: "es",
        templates: messages.templates,
        vars: { name: "Ana", replySeconds: 30 },
      }),
    ).toBe("Estás hablando con Ana. Ana suele responder en aproximadamente un minuto.");
  });

  test("exact locale first, then its base language", () => {
    expect(render("closed", "es-MX")).toBe("¡Gracias por platicar con nosotros!");
    expect(render("closed", "es-mx")).toBe("¡Gracias por platicar con nosotros!");
    expect(render("welcome", "es-MX")).toBe("¡Hola! Somos el equipo de Ventas.");
    expect(render("closed", "es-AR")).toBe("Esta conversación ha terminado. ¡Gracias por escribirnos!");
  });

  test("an unknown or malformed locale falls back to the team's default language, then English", () => {
    expect(render("closed", "sv-SE")).toBe("This conversation has ended. Thanks for chatting with us!");
    expect(render("closed", "not a locale!")).toBe(
      "This conversation has ended. Thanks for chatting with us!",
    );
    expect(renderVisitorMessage("welcome", { vars: {} })).toBe("Hi! How can we help you today?");
    expect(render("closed", "sv-SE", "fr")).toBe(
      `Cette conversation est terminée. Merci de nous avoir contactés${NBSP}!`,
    );
    expect(render("welcome", "sv-SE", "es")).toBe("¡Hola! Somos el equipo de Ventas.");
  });

  test("a language with only team templates gets its durations from Intl", () => {
    // Swedish has no built-in catalog: its durations come from Intl.NumberFormat.
    const swedish = teamMessagesSchema.parse({
      templates: { sv: { overflow: "Alla är upptagna. Plats {position}, väntetid cirka {wait}." } },
    });
    expect(
      renderVisitorMessage("overflow", {
        locale: "sv",
        templates: swedish.templates,
        vars: { position: 2, etaSeconds: 300 },
      }),
    ).toBe("Alla är upptagna. Plats 2, väntetid cirka 5 minuter.");
  });
});
