/**
 * Renders what a visitor is told (welcome, assigned, away, overflow, closed) as one string
 * in the visitor's language: picks the template (team override or built-in, see
 * `language-resolution.ts`), computes the phrases that depend on that language (reply time,
 * wait, opening time in the visitor's zone) and fills the variables. Pure; the TeamDO calls
 * it for system messages in the transcript, the widget shows the result as text.
 *
 * @example
 * renderVisitorMessage("assigned", { locale: "es-MX", vars: { name: "Ana", replySeconds: 150 } });
 * // "Estás hablando con Ana. Ana suele responder en pocos minutos."
 * renderVisitorMessage("away", {
 *   locale: "en-US", timeZone: "America/New_York", teamTimeZone: "Europe/Madrid",
 *   vars: { opensAt, now, outsideHours: "queue" },
 * });
 * // "We're away right now and will be back Monday 3:00 AM. Leave us a message and ..."
 */
import { OutsideHours } from "../../protocol/business-hours";
import {
  MessageTemplateKey,
  type MessageTemplates,
  type VisitorMessageKind,
} from "../../protocol/team-messages";
import { isKnownTimeZone } from "../hours/zoned-time";
import { replyTimePhrase, waitPhrase, wholeMinutes } from "./duration-phrases";
import { fillTemplate } from "./fill-template";
import { canonicalLocale, languageCandidates, resolveTemplate } from "./language-resolution";
import { formatOpeningTime } from "./opening-time";

type NoVars = Record<string, never>;

/** What each kind needs to know; all times are epoch ms, all durations seconds. */
export interface VisitorMessageVars {
  welcome: NoVars;
  /** The agent's display name and usual reply time (the engine's `expectedReplySeconds`). */
  assigned: { name: string; replySeconds: number };
  /** `opensAt` from `nextOpening` (null: no opening scheduled); `now` dates it. */
  away: { opensAt: number | null; now: number; outsideHours: OutsideHours };
  /** 1-based queue position; `etaSeconds` from `estimateWaitSeconds` (null: no estimate). */
  overflow: { position: number; etaSeconds: number | null };
  closed: NoVars;
}

export interface RenderVisitorMessageOptions<K extends VisitorMessageKind> {
  /** The visitor's BCP 47 language from the widget; junk counts as absent. */
  locale?: string | null | undefined;
  /** The visitor's IANA zone from the widget; absent or unknown -> `teamTimeZone`. */
  timeZone?: string | null | undefined;
  /** The team's business-hours zone, for the away message when the visitor's is unknown. */
  teamTimeZone?: string | undefined;
  /** The team's display name, for templates that say `{team}`. */
  teamName?: string | undefined;
  /** The team's overrides (`TeamMessages.templates`). */
  templates?: MessageTemplates | undefined;
  /** The team's default language (`TeamMessages.defaultLanguage`), tried before English. */
  defaultLanguage?: string | undefined;
  vars: VisitorMessageVars[K];
}

/** What the language-dependent values are computed with, once the template is chosen. */
interface Rendering {
  /** Language the chosen template is written in, lower-cased. */
  language: string;
  /** Locale for dates: the visitor's own when it is a form of that language. */
  formatLocale: string;
  visitorZone: string | undefined;
  teamZone: string | undefined;
}

interface Plan {
  key: MessageTemplateKey;
  values: (rendering: Rendering) => Record<string, string>;
}

const noValues = () => ({});

const plans: { [K in VisitorMessageKind]: (vars: VisitorMessageVars[K]) => Plan } = {
  welcome: () => ({ key: MessageTemplateKey.welcome, values: noValues }),
  closed: () => ({ key: MessageTemplateKey.closed, values: noValues }),
  assigned: ({ name, replySeconds }) => ({
    key: MessageTemplateKey.assigned,
    values: ({ language }) => ({
      name,
      replyTime: replyTimePhrase(replySeconds, language),
      minutes: String(wholeMinutes(replySeconds)),
    }),
  }),
  overflow: ({ position, etaSeconds }) => {
    if (etaSeconds === null)
      return { key: MessageTemplateKey.overflowNoEstimate, values: () => ({ position: String(position) }) };
    return {
      key: MessageTemplateKey.overflow,
      values: ({ language }) => ({
        position: String(position),
        wait: waitPhrase(etaSeconds, language),
        minutes: String(wholeMinutes(etaSeconds)),
      }),
    };
  },
  away: ({ opensAt, now, outsideHours }) => {
    const form = outsideHours === OutsideHours.offlineForm;
    if (opensAt === null) {
      return {
        key: form ? MessageTemplateKey.awayFormUnscheduled : MessageTemplateKey.awayUnscheduled,
        values: noValues,
      };
    }
    return {
      key: form ? MessageTemplateKey.awayForm : MessageTemplateKey.away,
      values: ({ formatLocale, visitorZone, teamZone }) => ({
        opensAt: formatOpeningTime(opensAt, {
          now,
          locale: formatLocale,
          timeZone: visitorZone ?? teamZone ?? "UTC",
          showZone: visitorZone === undefined,
        }),
      }),
    };
  },
};

function knownZone(timeZone: string | null | undefined): string | undefined {
  return timeZone && isKnownTimeZone(timeZone) ? timeZone : undefined;
}

/** The text a visitor is shown for `kind`, in their language (see the file comment). */
export function renderVisitorMessage<K extends VisitorMessageKind>(
  kind: K,
  options: RenderVisitorMessageOptions<K>,
): string {
  const plan = plans[kind](options.vars);
  const candidates = languageCandidates(options.locale, options.defaultLanguage);
  const { text, language } = resolveTemplate(plan.key, candidates, options.templates);
  const visitorLocale = canonicalLocale(options.locale);
  const sameLanguage = visitorLocale?.toLowerCase().split("-")[0] === language.split("-")[0];
  const rendering: Rendering = {
    language,
    formatLocale: sameLanguage && visitorLocale ? visitorLocale : language,
    visitorZone: knownZone(options.timeZone),
    teamZone: knownZone(options.teamTimeZone),
  };
  return fillTemplate(text, { team: options.teamName ?? "", ...plan.values(rendering) });
}
