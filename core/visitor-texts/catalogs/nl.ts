/** Dutch visitor texts (informal "je", as chat widgets usually speak): templates and phrases. */
import type { LanguageCatalog } from "./language-catalog";

const away = "We zijn er nu niet en zijn terug {opensAt}.";
const awayUnscheduled = "We zijn er nu niet.";
const queued = "Laat een bericht achter, dan antwoorden we zodra we terug zijn.";
const form = "Laat je e-mailadres en een bericht achter, dan nemen we contact met je op.";
const busy = "Al onze medewerkers zijn bezet. Je bent nummer {position} in de wachtrij.";
/** Queued while no agent is online (no estimate then): not "busy", nobody is there. */
const noAgents =
  "Er is nu geen medewerker online. Je bent nummer {position} in de wachtrij; we antwoorden zodra er iemand terug is.";

export const nl: LanguageCatalog = {
  templates: {
    welcome: "Hallo! Waarmee kunnen we je helpen?",
    assigned: "Je praat met {name}. {name} antwoordt meestal binnen {replyTime}.",
    away: `${away} ${queued}`,
    "away-unscheduled": `${awayUnscheduled} ${queued}`,
    "away-form": `${away} ${form}`,
    "away-form-unscheduled": `${awayUnscheduled} ${form}`,
    overflow: `${busy} Geschatte wachttijd: {wait}.`,
    "overflow-no-estimate": noAgents,
    closed: "Dit gesprek is beëindigd. Bedankt voor je bericht!",
  },
  phrases: {
    replyAboutAMinute: "ongeveer een minuut",
    replyFewMinutes: "een paar minuten",
    replyMinutes: { one: "{n} minuut", other: "{n} minuten" },
    replyAboutAnHour: "ongeveer een uur",
    replyHours: { one: "{n} uur", other: "{n} uur" },
    waitUnderAMinute: "minder dan een minuut",
    waitMinutes: { one: "{n} minuut", other: "{n} minuten" },
    waitHours: { one: "{n} uur", other: "{n} uur" },
  },
};
