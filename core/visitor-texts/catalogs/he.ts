/** Hebrew visitor texts: templates and phrases (Intl.PluralRules("he"): one, two, other). */
import type { LanguageCatalog } from "./language-catalog";

const away = "איננו זמינים כרגע ונחזור {opensAt}.";
const awayUnscheduled = "איננו זמינים כרגע.";
const queued = "השאירו לנו הודעה ונשיב מיד כשנחזור.";
const form = "השאירו כתובת אימייל והודעה, ונחזור אליכם.";
const busy = "כל הנציגים שלנו עסוקים כרגע. מקומכם בתור: {position}.";
/** Queued while no agent is online (no estimate then): not "busy", nobody is there. */
const noAgents = "אין כרגע נציג מחובר. מקומכם בתור: {position}. נשיב לכם ברגע שמישהו יחזור.";

export const he: LanguageCatalog = {
  templates: {
    welcome: "שלום! איך נוכל לעזור?",
    assigned: "אתם משוחחים עם {name}. בדרך כלל התשובה מגיעה תוך {replyTime}.",
    away: `${away} ${queued}`,
    "away-unscheduled": `${awayUnscheduled} ${queued}`,
    "away-form": `${away} ${form}`,
    "away-form-unscheduled": `${awayUnscheduled} ${form}`,
    overflow: `${busy} זמן המתנה משוער: {wait}.`,
    "overflow-no-estimate": noAgents,
    closed: "השיחה הסתיימה. תודה שפניתם אלינו!",
  },
  phrases: {
    replyAboutAMinute: "כדקה",
    replyFewMinutes: "דקות ספורות",
    replyMinutes: { one: "דקה אחת", two: "שתי דקות", other: "{n} דקות" },
    replyAboutAnHour: "כשעה",
    replyHours: { one: "שעה אחת", two: "שעתיים", other: "{n} שעות" },
    waitUnderAMinute: "פחות מדקה",
    waitMinutes: { one: "דקה אחת", two: "שתי דקות", other: "{n} דקות" },
    waitHours: { one: "שעה אחת", two: "שעתיים", other: "{n} שעות" },
  },
};
