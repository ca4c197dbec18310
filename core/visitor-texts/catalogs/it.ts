/** Italian visitor texts (informal "tu", as chat widgets usually speak): templates and phrases. */
import type { LanguageCatalog } from "./language-catalog";

const away = "Al momento non siamo disponibili; torniamo {opensAt}.";
const awayUnscheduled = "Al momento non siamo disponibili.";
const queued = "Lasciaci un messaggio e ti risponderemo appena torniamo.";
const form = "Lasciaci la tua email e un messaggio, e ti ricontatteremo.";
const busy = "Tutti i nostri operatori sono occupati. La tua posizione in coda: {position}.";
/** Queued while no agent is online (no estimate then): not "busy", nobody is there. */
const noAgents =
  "Al momento nessun operatore è online. La tua posizione in coda: {position}. Ti risponderemo appena qualcuno torna.";

export const it: LanguageCatalog = {
  templates: {
    welcome: "Ciao! Come possiamo aiutarti?",
    assigned: "Stai parlando con {name}. Di solito {name} risponde entro {replyTime}.",
    away: `${away} ${queued}`,
    "away-unscheduled": `${awayUnscheduled} ${queued}`,
    "away-form": `${away} ${form}`,
    "away-form-unscheduled": `${awayUnscheduled} ${form}`,
    overflow: `${busy} Attesa stimata: {wait}.`,
    "overflow-no-estimate": noAgents,
    closed: "Questa conversazione è terminata. Grazie per averci scritto!",
  },
  phrases: {
    replyAboutAMinute: "circa un minuto",
    replyFewMinutes: "pochi minuti",
    replyMinutes: { one: "{n} minuto", other: "{n} minuti" },
    replyAboutAnHour: "circa un'ora",
    replyHours: { one: "{n} ora", other: "{n} ore" },
    waitUnderAMinute: "meno di un minuto",
    waitMinutes: { one: "{n} minuto", other: "{n} minuti" },
    waitHours: { one: "{n} ora", other: "{n} ore" },
  },
};
