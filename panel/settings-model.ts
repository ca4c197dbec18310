/**
 * The settings form's draft and its translation to the API: the form edits a full copy of
 * the team's resolved policy (plus settings, hours and messages) by dotted path, the same
 * paths the server names in its validation errors ("policy.defaultLimit",
 * "hours.weekly.2.start"), so an error lands on the field that holds it. On save only the
 * fields that differ from the chosen preset become `policy` overrides; overrides the form
 * does not show (priority rules, dedicated-agent rules, …) are kept as stored. Pure.
 */
import type {
  BusinessHours,
  DateSlot,
  PolicyPresetName,
  TeamMessages,
  TeamPolicy,
  TeamSettings,
} from "../protocol/wire";
import type { TeamFormBody, TeamFormView } from "./settings-api";

export interface SettingsDraft {
  /** "" for no preset. */
  preset: PolicyPresetName | "";
  policy: TeamPolicy;
  settings: TeamSettings;
  /** False: always open (`hours: null`). */
  hoursOn: boolean;
  hours: BusinessHours;
  messages: TeamMessages;
}

/** The policy fields the form shows, as paths inside the policy. */
export const POLICY_FIELDS = [
  "strategy",
  "onlineOnly",
  "defaultLimit",
  "allowClaims",
  "returningCustomers.enabled",
  "returningCustomers.windowDays",
  "returningCustomers.waitSeconds",
  "returningCustomers.fallback",
  "newCustomers.enabled",
  "newCustomers.waitSeconds",
  "newCustomers.fallback",
  "dedicatedAgents.waitSeconds",
  "dedicatedAgents.fallback",
  "relax.languageAfterSeconds",
  "relax.skillsAfterSeconds",
  "tiers.escalateAfterSeconds",
  "tiers.highestTier",
  "estimates.defaultReplySeconds",
] as const;

const clone = <T>(value: T): T => structuredClone(value);

/** Office hours a lead starts from when turning hours on. */
function startingHours(): BusinessHours {
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  const weekdays = ["mon", "tue", "wed", "thu", "fri"] as const;
  return {
    timeZone,
    weekly: weekdays.map((day) => ({ day, start: "09:00", end: "17:00" })),
    exceptions: [],
    outsideHours: "queue",
  };
}

export function draftOf(view: TeamFormView): SettingsDraft {
  return {
    preset: view.preset ?? "",
    policy: clone(view.resolvedPolicy),
    settings: clone(view.settings),
    hoursOn: view.hours !== null,
    hours: view.hours ? clone(view.hours) : startingHours(),
    messages: clone(view.messages),
  };
}

/** The policy a preset (or no preset) gives before overrides. */
export function presetBase(view: TeamFormView, preset: PolicyPresetName | ""): TeamPolicy {
  return preset === "" ? view.defaultPolicy : view.presetPolicies[preset];
}

/**
 * Switches the preset: fields still at the old preset's value take the new one's; fields
 * the lead set differently stay, as overrides would on the server.
 */
export function changePreset(draft: SettingsDraft, view: TeamFormView, preset: PolicyPresetName | ""): void {
  const before = presetBase(view, draft.preset);
  const after = presetBase(view, preset);
  for (const field of POLICY_FIELDS) {
    if (sameValue(getPath(draft.policy, field), getPath(before, field)))
      setPath(draft.policy, field, clone(getPath(after, field)));
  }
  draft.preset = preset;
}

/** The PUT body: settings, hours, messages, the preset and the overrides over it. */
export function bodyOf(draft: SettingsDraft, view: TeamFormView): TeamFormBody {
  const overrides = clone(view.policy);
  const base = presetBase(view, draft.preset);
  for (const field of POLICY_FIELDS) {
    const value = getPath(draft.policy, field);
    if (sameValue(value, getPath(base, field))) deletePath(overrides, field);
    else setPath(overrides, field, value);
  }
  return {
    settings: draft.settings,
    hours: draft.hoursOn ? draft.hours : null,
    messages: tidyMessages(draft.messages),
    ...(draft.preset === "" ? {} : { preset: draft.preset }),
    policy: overrides,
  };
}

/** Leaves out empty templates and languages, and an empty default language. */
function tidyMessages(messages: TeamMessages): TeamMessages {
  const templates: TeamMessages["templates"] = {};
  for (const [language, byKey] of Object.entries(messages.templates)) {
    const kept = Object.fromEntries(
      Object.entries(byKey).filter(([, text]) => typeof text === "string" && text.trim() !== ""),
    );
    if (Object.keys(kept).length > 0) templates[language] = kept;
  }
  return { ...(messages.defaultLanguage ? { defaultLanguage: messages.defaultLanguage } : {}), templates };
}

// ---- exception slots as one line of text: "09:00-13:00, 14:00-18:00"; empty: closed ----

export function slotsText(slots: readonly DateSlot[]): string {
  return slots.map((slot) => `${slot.start}-${slot.end}`).join(", ");
}

/** Parses "09:00-13:00, 14:00-18:00"; a piece that does not parse is sent as is, so the server names it. */
export function parseSlots(text: string): DateSlot[] {
  return text
    .split(",")
    .map((piece) => piece.trim())
    .filter((piece) => piece !== "" && piece.toLowerCase() !== "closed")
    .map((piece) => {
      const [start = "", end = ""] = piece.split("-").map((part) => part.trim());
      return { start, end };
    });
}

// ---- dotted paths ----

type Container = Record<string, unknown> | unknown[];

const isContainer = (value: unknown): value is Container => typeof value === "object" && value !== null;

export function getPath(root: unknown, path: string): unknown {
  let node: unknown = root;
  for (const key of path.split(".")) {
    if (!isContainer(node)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** Sets a value, creating objects on the way. */
export function setPath(root: Container, path: string, value: unknown): void {
  const keys = path.split(".");
  let node: Container = root;
  for (const key of keys.slice(0, -1)) {
    const next = (node as Record<string, unknown>)[key];
    if (!isContainer(next)) (node as Record<string, unknown>)[key] = {};
    node = (node as Record<string, Container>)[key]!;
  }
  (node as Record<string, unknown>)[keys[keys.length - 1]!] = value;
}

/** Deletes a value, and the objects it leaves empty. */
export function deletePath(root: Container, path: string): void {
  const keys = path.split(".");
  const parents: [Container, string][] = [];
  let node: unknown = root;
  for (const key of keys.slice(0, -1)) {
    if (!isContainer(node)) return;
    parents.push([node, key]);
    node = (node as Record<string, unknown>)[key];
  }
  if (!isContainer(node)) return;
  delete (node as Record<string, unknown>)[keys[keys.length - 1]!];
  for (const [parent, key] of parents.reverse()) {
    const child = (parent as Record<string, unknown>)[key];
    if (isContainer(child) && !Array.isArray(child) && Object.keys(child).length === 0)
      delete (parent as Record<string, unknown>)[key];
    else break;
  }
}

/** The deepest of `fields` that is `path` or holds it: where an error on `path` is shown. */
export function fieldFor(path: string, fields: ReadonlySet<string>): string | null {
  const keys = path.split(".");
  for (let length = keys.length; length > 0; length--) {
    const candidate = keys.slice(0, length).join(".");
    if (fields.has(candidate)) return candidate;
  }
  return null;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
