/** Portuguese visitor texts ("você", understood in Brazil and Portugal): templates and phrases. */
import type { LanguageCatalog } from "./language-catalog";

const away = "No momento não estamos disponíveis; voltamos {opensAt}.";
const awayUnscheduled = "No momento não estamos disponíveis.";
const queued = "Deixe sua mensagem e responderemos assim que voltarmos.";
const form = "Deixe seu e-mail e sua mensagem, e entraremos em contato.";
const busy = "Todos os nossos atendentes estão ocupados. Sua posição na fila: {position}.";
/** Queued while no agent is online (no estimate then): not "busy", nobody is there. */
const noAgents =
  "Nenhum atendente está online agora. Sua posição na fila: {position}. Responderemos assim que alguém voltar.";

export const pt: LanguageCatalog = {
  templates: {
    welcome: "Olá! Como podemos ajudar?",
    assigned: "Você está falando com {name}. {name} costuma responder em {replyTime}.",
    away: `${away} ${queued}`,
    "away-unscheduled": `${awayUnscheduled} ${queued}`,
    "away-form": `${away} ${form}`,
    "away-form-unscheduled": `${awayUnscheduled} ${form}`,
    overflow: `${busy} Tempo de espera estimado: {wait}.`,
    "overflow-no-estimate": noAgents,
    closed: "Esta conversa foi encerrada. Obrigado pelo contato!",
  },
  phrases: {
    replyAboutAMinute: "cerca de um minuto",
    replyFewMinutes: "poucos minutos",
    replyMinutes: { one: "{n} minuto", other: "{n} minutos" },
    replyAboutAnHour: "cerca de uma hora",
    replyHours: { one: "{n} hora", other: "{n} horas" },
    waitUnderAMinute: "menos de um minuto",
    waitMinutes: { one: "{n} minuto", other: "{n} minutos" },
    waitHours: { one: "{n} hora", other: "{n} horas" },
  },
};
