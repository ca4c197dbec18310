/** Spanish visitor texts (informal "tú", as chat widgets usually speak): templates and phrases. */
import type { LanguageCatalog } from "./language-catalog";

const away = "Ahora mismo no estamos disponibles; volvemos el {opensAt}.";
const awayUnscheduled = "Ahora mismo no estamos disponibles.";
const queued = "Déjanos tu mensaje y te responderemos en cuanto volvamos.";
const form = "Déjanos tu correo electrónico y tu mensaje, y te responderemos lo antes posible.";
const busy = "Todos nuestros agentes están ocupados en este momento. Tu posición en la cola: {position}.";
/** Queued while no agent is online (no estimate then): not "busy", nobody is there. */
const noAgents =
  "Ahora mismo no hay ningún agente conectado. Tu posición en la cola: {position}. Te responderemos en cuanto vuelva alguien.";

export const es: LanguageCatalog = {
  templates: {
    welcome: "¡Hola! ¿En qué podemos ayudarte?",
    assigned: "Estás hablando con {name}. {name} suele responder en {replyTime}.",
    away: `${away} ${queued}`,
    "away-unscheduled": `${awayUnscheduled} ${queued}`,
    "away-form": `${away} ${form}`,
    "away-form-unscheduled": `${awayUnscheduled} ${form}`,
    overflow: `${busy} Tiempo de espera estimado: {wait}.`,
    "overflow-no-estimate": noAgents,
    closed: "Esta conversación ha terminado. ¡Gracias por escribirnos!",
  },
  phrases: {
    replyAboutAMinute: "aproximadamente un minuto",
    replyFewMinutes: "pocos minutos",
    replyMinutes: { one: "{n} minuto", other: "{n} minutos" },
    replyAboutAnHour: "aproximadamente una hora",
    replyHours: { one: "{n} hora", other: "{n} horas" },
    waitUnderAMinute: "menos de un minuto",
    waitMinutes: { one: "{n} minuto", other: "{n} minutos" },
    waitHours: { one: "{n} hora", other: "{n} horas" },
  },
};
