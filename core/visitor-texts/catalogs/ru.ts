/**
 * Russian visitor texts ("Вы"): templates and phrases. Numbers take one of three forms
 * (1 минута, 2 минуты, 5 минут; 21 минута), chosen by Intl.PluralRules("ru"). The
 * `{replyTime}` forms are genitive because the template says "в течение {replyTime}";
 * `{wait}` is nominative. Templates avoid declining the agent's name (nominative only).
 */
import type { LanguageCatalog } from "./language-catalog";

const away = "Сейчас мы не работаем. Снова будем на связи: {opensAt}.";
const awayUnscheduled = "Сейчас мы не работаем.";
const queued = "Оставьте сообщение, и мы ответим, как только вернёмся.";
const form = "Оставьте адрес электронной почты и сообщение — мы свяжемся с вами.";
const busy = "Все операторы сейчас заняты. Ваше место в очереди: {position}.";
/** Queued while no agent is online (no estimate then): not "busy", nobody is there. */
const noAgents =
  "Сейчас нет операторов в сети. Ваше место в очереди: {position}. Мы ответим, как только кто-нибудь появится.";

export const ru: LanguageCatalog = {
  templates: {
    welcome: "Здравствуйте! Чем мы можем вам помочь?",
    assigned: "С вами на связи {name}. Обычно {name} отвечает в течение {replyTime}.",
    away: `${away} ${queued}`,
    "away-unscheduled": `${awayUnscheduled} ${queued}`,
    "away-form": `${away} ${form}`,
    "away-form-unscheduled": `${awayUnscheduled} ${form}`,
    overflow: `${busy} Примерное время ожидания: {wait}.`,
    "overflow-no-estimate": noAgents,
    closed: "Разговор завершён. Спасибо, что обратились к нам!",
  },
  phrases: {
    // Genitive: "в течение минуты / нескольких минут / 1 минуты / 2 минут / 5 минут".
    replyAboutAMinute: "минуты",
    replyFewMinutes: "нескольких минут",
    replyMinutes: { one: "{n} минуты", few: "{n} минут", many: "{n} минут", other: "{n} минуты" },
    replyAboutAnHour: "часа",
    replyHours: { one: "{n} часа", few: "{n} часов", many: "{n} часов", other: "{n} часа" },
    // Nominative: "1 минута / 2 минуты / 5 минут".
    waitUnderAMinute: "меньше минуты",
    waitMinutes: { one: "{n} минута", few: "{n} минуты", many: "{n} минут", other: "{n} минуты" },
    waitHours: { one: "{n} час", few: "{n} часа", many: "{n} часов", other: "{n} часа" },
  },
};
