/**
 * The assignment part of the settings form: preset and strategy, the per-agent limit, online
 * only and claims; the fallbacks with their waits (returning customers, new customers,
 * dedicated agents, relaxing language and skills, tier escalation); and what the team object
 * does around assignment (presence grace, no-answer timer, absent agents, unassign on close).
 * The label tables are typed by the protocol's names, so a new strategy or action fails the
 * build until it has a label here.
 */
import { html } from "lit";
import type {
  AgentGoneAction,
  AssignmentStrategy,
  PolicyPresetName,
  PreferenceFallback,
  TeamPolicy,
} from "../protocol/wire";
import { checkField, numberField, selectField, type FieldContext } from "./settings-fields";
import type { TeamFormView } from "./settings-api";

const strategyLabels: Record<AssignmentStrategy, string> = {
  manual: "Manual",
  "round-robin": "Round robin",
  "least-open": "Least open",
};
const strategyHelp: Record<AssignmentStrategy, string> = {
  manual: "Nothing is assigned: agents claim from the queue.",
  "round-robin": "Equal shares in turn; a skipped agent keeps their place.",
  "least-open": "The agent with the fewest open conversations.",
};
const strategyShort: Record<AssignmentStrategy, string> = {
  manual: "manual claims",
  "round-robin": "round robin",
  "least-open": "fewest open first",
};
const presetNames: Record<PolicyPresetName, string> = {
  manual: "Manual",
  sales: "Sales",
  "high-touch": "High-touch support",
  "low-cost": "Low-cost support",
};
const fallbackLabels: Record<PreferenceFallback, string> = {
  team: "then anyone in the team",
  "keep-waiting": "then keep waiting for them",
};
const agentGoneLabels: Record<AgentGoneAction, string> = {
  reassign: "Give them to another agent",
  keep: "Leave them with the agent",
  requeue: "Put them back in the queue",
};

const choices = <K extends string>(labels: Record<K, string>) => Object.entries(labels) as [K, string][];

function presetSummary(policy: TeamPolicy): string {
  const summary = `${strategyShort[policy.strategy]}${policy.onlineOnly ? ", online agents only" : ""}, ${policy.defaultLimit} per agent`;
  return summary[0]!.toUpperCase() + summary.slice(1);
}

export function renderAssignmentSection(
  context: FieldContext,
  view: TeamFormView,
  pickPreset: (preset: PolicyPresetName | "") => void,
) {
  const presets: [string, string][] = [
    ["", "None"],
    ...(Object.keys(view.presetPolicies) as PolicyPresetName[]).map((name): [string, string] => [
      name,
      presetNames[name],
    ]),
  ];
  const preset = context.get("preset") as PolicyPresetName | "";
  const strategy = context.get("policy.strategy") as AssignmentStrategy;
  return html`<section class="form-section" aria-labelledby="assignment-title">
    <h3 id="assignment-title">Assignment</h3>
    <p class="muted">A preset is a starting point; every field you change below is kept over it.</p>
    <div class="grid">
      ${selectField(context, "preset", "Preset", presets, {
        onPick: (value) => pickPreset(value as PolicyPresetName | ""),
        help: preset === "" ? "Only the fields below." : `${presetSummary(view.presetPolicies[preset])}.`,
      })}
      ${selectField(context, "policy.strategy", "Strategy", choices(strategyLabels), { help: strategyHelp[strategy] })}
      ${numberField(context, "policy.defaultLimit", "Conversations per agent", {
        min: 0,
        max: 100,
        unit: "at once",
        help: "The limit of agents who have none of their own (the admin sets personal limits).",
      })}
      ${checkField(context, "policy.onlineOnly", "Online agents only", { help: "Away agents get nothing new; offline agents never do." })}
      ${checkField(context, "policy.allowClaims", "Agents may claim from the queue", { help: "Always allowed with the manual strategy." })}
    </div>
  </section>`;
}

export function renderFallbackSection(context: FieldContext, view: TeamFormView) {
  const fallbackChoices = choices(fallbackLabels);
  const dedicatedRules = view.resolvedPolicy.dedicatedAgents.rules.length;
  return html`<section class="form-section" aria-labelledby="fallbacks-title">
    <h3 id="fallbacks-title">Preferred agents and fallbacks</h3>
    <div class="group">
      ${checkField(context, "policy.returningCustomers.enabled", "Returning customers go back to their previous agent")}
      <div class="grid ${context.get("policy.returningCustomers.enabled") ? "" : "off"}">
        ${numberField(context, "policy.returningCustomers.windowDays", "If their last chat was within", { unit: "days", min: 1, max: 365 })}
        ${numberField(context, "policy.returningCustomers.waitSeconds", "Wait for that agent", { unit: "seconds", min: 0 })}
        ${selectField(context, "policy.returningCustomers.fallback", "Then", fallbackChoices)}
      </div>
    </div>
    <div class="group">
      ${checkField(context, "policy.newCustomers.enabled", "First-time visitors go to new-customer agents")}
      <div class="grid ${context.get("policy.newCustomers.enabled") ? "" : "off"}">
        ${numberField(context, "policy.newCustomers.waitSeconds", "Wait for them", { unit: "seconds", min: 0 })}
        ${selectField(context, "policy.newCustomers.fallback", "Then", fallbackChoices)}
      </div>
    </div>
    <div class="group">
      <p class="label">Dedicated agents (VIP and account rules: ${dedicatedRules} set by the admin)</p>
      <div class="grid">
        ${numberField(context, "policy.dedicatedAgents.waitSeconds", "Wait for the dedicated agent", { unit: "seconds", min: 0 })}
        ${selectField(context, "policy.dedicatedAgents.fallback", "Then", fallbackChoices)}
      </div>
    </div>
    <div class="group">
      <p class="label">Relaxing requirements while a visitor waits</p>
      <div class="grid">
        ${numberField(context, "policy.relax.languageAfterSeconds", "Drop the language after", { unit: "seconds", nullable: "never", min: 0 })}
        ${numberField(context, "policy.relax.skillsAfterSeconds", "Drop the skills after", { unit: "seconds", nullable: "never", min: 0, help: "Not before the language." })}
        ${numberField(context, "policy.tiers.escalateAfterSeconds", "Escalate a tier after", { unit: "seconds", nullable: "on request", min: 1 })}
        ${selectField(
          context,
          "policy.tiers.highestTier",
          "Up to tier",
          [
            ["1", "L1"],
            ["2", "L2"],
            ["3", "L3"],
          ],
          {
            onPick: (value) => context.set("policy.tiers.highestTier", Number(value)),
          },
        )}
      </div>
    </div>
    <div class="grid">
      ${numberField(context, "policy.estimates.defaultReplySeconds", "Reply time promised until measured", { unit: "seconds", min: 1 })}
    </div>
  </section>`;
}

export function renderBehaviourSection(context: FieldContext) {
  return html`<section class="form-section" aria-labelledby="behaviour-title">
    <h3 id="behaviour-title">Agents and conversations</h3>
    <div class="grid">
      ${numberField(context, "settings.presenceGraceSeconds", "A dropped connection counts as offline after", { unit: "seconds", min: 0, max: 3600 })}
      ${numberField(context, "settings.noAnswerSeconds", "Take a chat back if unanswered for", { unit: "seconds", nullable: "never", min: 10 })}
      ${selectField(context, "settings.agentGone", "When an agent is gone, their unanswered chats", choices(agentGoneLabels))}
      ${checkField(context, "settings.matchLanguage", "Match the visitor's language", { help: "Relaxes after the wait set above." })}
      ${checkField(context, "settings.unassignOnClose", "Forget the agent when a chat closes", { help: "A returning visitor then is not sent back to them." })}
      ${checkField(context, "settings.csatEnabled", "Ask visitors to rate closed chats", { help: "1 to 5 stars and a comment, once per chat; shown on the chat and in the team view." })}
      ${checkField(context, "settings.transcriptByEmail", "Offer visitors their transcript by e-mail", { help: "The conversation.closed webhook carries the transcript when the visitor gave an e-mail." })}
    </div>
  </section>`;
}
