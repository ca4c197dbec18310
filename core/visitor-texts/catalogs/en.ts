/** English visitor texts: the built-in templates and duration phrases. */
import type { LanguageCatalog } from "./language-catalog";

const away = "We're away right now and will be back {opensAt}.";
const awayUnscheduled = "We're away right now.";
const queued = "Leave us a message and we'll reply as soon as we're back.";
const form = "Leave your email and a message, and we'll get back to you.";
const busy = "All our agents are busy right now. You are number {position} in the queue.";
/** Queued while no agent is online (no estimate then): not "busy", nobody is there. */
const noAgents =
  "No agent is online right now. You are number {position} in the queue, and we'll reply as soon as someone is back.";

export const en: LanguageCatalog = {
  templates: {
    welcome: "Hi! How can we help you today?",
    assigned: "You are talking to {name}. {name} usually replies in {replyTime}.",
    away: `${away} ${queued}`,
    "away-unscheduled": `${awayUnscheduled} ${queued}`,
    "away-form": `${away} ${form}`,
    "away-form-unscheduled": `${awayUnscheduled} ${form}`,
    overflow: `${busy} Estimated wait: {wait}.`,
    "overflow-no-estimate": noAgents,
    closed: "This conversation has ended. Thanks for chatting with us!",
  },
  phrases: {
    replyAboutAMinute: "about a minute",
    replyFewMinutes: "a few minutes",
    replyMinutes: { one: "{n} minute", other: "{n} minutes" },
    replyAboutAnHour: "about an hour",
    replyHours: { one: "{n} hour", other: "{n} hours" },
    waitUnderAMinute: "less than a minute",
    waitMinutes: { one: "{n} minute", other: "{n} minutes" },
    waitHours: { one: "{n} hour", other: "{n} hours" },
  },
};
