/** German visitor texts ("Sie", as support usually writes): templates and phrases. */
import type { LanguageCatalog } from "./language-catalog";

const away = "Wir sind gerade nicht erreichbar und ab {opensAt} wieder da.";
const awayUnscheduled = "Wir sind gerade nicht erreichbar.";
const queued = "Hinterlassen Sie uns eine Nachricht, wir antworten, sobald wir zurück sind.";
const form = "Hinterlassen Sie Ihre E-Mail-Adresse und eine Nachricht, wir melden uns bei Ihnen.";
const busy = "Alle Mitarbeiter sind gerade im Gespräch. Sie sind Nummer {position} in der Warteschlange.";
/** Queued while no agent is online (no estimate then): not "busy", nobody is there. */
const noAgents =
  "Gerade ist kein Mitarbeiter online. Sie sind Nummer {position} in der Warteschlange; wir antworten, sobald jemand zurück ist.";

export const de: LanguageCatalog = {
  templates: {
    welcome: "Hallo! Wie können wir Ihnen helfen?",
    assigned: "Sie sprechen mit {name}. {name} antwortet in der Regel innerhalb von {replyTime}.",
    away: `${away} ${queued}`,
    "away-unscheduled": `${awayUnscheduled} ${queued}`,
    "away-form": `${away} ${form}`,
    "away-form-unscheduled": `${awayUnscheduled} ${form}`,
    overflow: `${busy} Geschätzte Wartezeit: {wait}.`,
    "overflow-no-estimate": noAgents,
    closed: "Dieses Gespräch ist beendet. Danke, dass Sie uns geschrieben haben!",
  },
  phrases: {
    // Dative after "innerhalb von": "einer Minute", "5 Minuten", "einer Stunde".
    replyAboutAMinute: "etwa einer Minute",
    replyFewMinutes: "wenigen Minuten",
    replyMinutes: { one: "{n} Minute", other: "{n} Minuten" },
    replyAboutAnHour: "etwa einer Stunde",
    replyHours: { one: "{n} Stunde", other: "{n} Stunden" },
    waitUnderAMinute: "weniger als eine Minute",
    waitMinutes: { one: "{n} Minute", other: "{n} Minuten" },
    waitHours: { one: "{n} Stunde", other: "{n} Stunden" },
  },
};
