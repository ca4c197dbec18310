/**
 * Arabic visitor texts (Modern Standard Arabic): templates and phrases. Numbers take six
 * plural forms (Intl.PluralRules("ar")); the phrases follow them (دقيقة، دقيقتان، 3 دقائق، 11 دقيقة).
 */
import type { LanguageCatalog } from "./language-catalog";

const away = "نحن غير متاحين الآن، وسنعود {opensAt}.";
const awayUnscheduled = "نحن غير متاحين الآن.";
const queued = "اترك لنا رسالة وسنرد عليك فور عودتنا.";
const form = "اترك بريدك الإلكتروني ورسالتك، وسنتواصل معك.";
const busy = "جميع موظفينا مشغولون الآن. ترتيبك في قائمة الانتظار: {position}.";
/** Queued while no agent is online (no estimate then): not "busy", nobody is there. */
const noAgents = "لا يوجد موظف متصل الآن. ترتيبك في قائمة الانتظار: {position}، وسنرد عليك فور عودة أحدنا.";

const minutes = {
  zero: "{n} دقيقة",
  one: "دقيقة واحدة",
  two: "دقيقتان",
  few: "{n} دقائق",
  many: "{n} دقيقة",
  other: "{n} دقيقة",
};
const hours = {
  zero: "{n} ساعة",
  one: "ساعة واحدة",
  two: "ساعتان",
  few: "{n} ساعات",
  many: "{n} ساعة",
  other: "{n} ساعة",
};

export const ar: LanguageCatalog = {
  templates: {
    welcome: "مرحبًا! كيف يمكننا مساعدتك؟",
    assigned: "أنت تتحدث مع {name}. يرد {name} عادةً خلال {replyTime}.",
    away: `${away} ${queued}`,
    "away-unscheduled": `${awayUnscheduled} ${queued}`,
    "away-form": `${away} ${form}`,
    "away-form-unscheduled": `${awayUnscheduled} ${form}`,
    overflow: `${busy} وقت الانتظار المتوقع: {wait}.`,
    "overflow-no-estimate": noAgents,
    closed: "انتهت هذه المحادثة. شكرًا لتواصلك معنا!",
  },
  phrases: {
    replyAboutAMinute: "دقيقة تقريبًا",
    replyFewMinutes: "دقائق قليلة",
    replyMinutes: minutes,
    replyAboutAnHour: "ساعة تقريبًا",
    replyHours: hours,
    waitUnderAMinute: "أقل من دقيقة",
    waitMinutes: minutes,
    waitHours: hours,
  },
};
