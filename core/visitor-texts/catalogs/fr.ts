/**
 * French visitor texts ("vous"): templates and phrases. French puts a no-break space
 * (U+00A0) before "?", "!" and ":", so the line never breaks there.
 */
import type { LanguageCatalog } from "./language-catalog";

const away = "Nous sommes absents pour le moment et serons de retour {opensAt}.";
const awayUnscheduled = "Nous sommes absents pour le moment.";
const queued = "Laissez-nous un message et nous vous répondrons dès notre retour.";
const form = "Laissez-nous votre adresse e-mail et votre message, et nous vous recontacterons.";
const busy =
  "Tous nos conseillers sont occupés pour le moment. Votre position dans la file d'attente\u00a0: {position}.";
/** Queued while no agent is online (no estimate then): not "busy", nobody is there. */
const noAgents =
  "Aucun conseiller n'est en ligne pour le moment. Votre position dans la file d'attente\u00a0: {position}. Nous vous répondrons dès que quelqu'un sera de retour.";

export const fr: LanguageCatalog = {
  templates: {
    welcome: "Bonjour\u00a0! Comment pouvons-nous vous aider\u00a0?",
    assigned: "Vous discutez avec {name}. {name} répond généralement en {replyTime}.",
    away: `${away} ${queued}`,
    "away-unscheduled": `${awayUnscheduled} ${queued}`,
    "away-form": `${away} ${form}`,
    "away-form-unscheduled": `${awayUnscheduled} ${form}`,
    overflow: `${busy} Temps d'attente estimé\u00a0: {wait}.`,
    "overflow-no-estimate": noAgents,
    closed: "Cette conversation est terminée. Merci de nous avoir contactés\u00a0!",
  },
  phrases: {
    replyAboutAMinute: "environ une minute",
    replyFewMinutes: "quelques minutes",
    replyMinutes: { one: "{n} minute", other: "{n} minutes" },
    replyAboutAnHour: "environ une heure",
    replyHours: { one: "{n} heure", other: "{n} heures" },
    waitUnderAMinute: "moins d'une minute",
    waitMinutes: { one: "{n} minute", other: "{n} minutes" },
    waitHours: { one: "{n} heure", other: "{n} heures" },
  },
};
