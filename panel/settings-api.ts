/**
 * The lead's settings form over HTTP: `GET/PUT /v1/sites/:site/teams/:team/settings` with the
 * agent's session cookie. The form and its view are the protocol's (`protocol/lead-team-form.ts`),
 * taken as types, as the panel ships no zod. A refused form comes back as
 * `{error: {code, message, path, issues}}`, which `SettingsError` carries to the fields.
 */
import type { FieldIssue, HttpErrorBody, LeadTeamForm, LeadTeamFormView } from "../protocol/wire";
import { nullable, shape, str, type Check } from "../client/frame-check";
import type { PanelCredentials } from "./panel-auth";

/** What the form reads, by the name the form's modules use. */
export type TeamFormView = LeadTeamFormView;
/** What the form sends: without `preset` and `policy` the server keeps the stored policy. */
export type TeamFormBody = LeadTeamForm;

export class SettingsError extends Error {
  constructor(
    message: string,
    /** Every field at fault (none for errors of the whole form, such as a lost connection). */
    readonly issues: FieldIssue[],
    readonly status: number,
  ) {
    super(message);
    this.name = "SettingsError";
  }
}

const isObject: Check = (value) => typeof value === "object" && value !== null;
const isFormView = shape<TeamFormView>({
  settings: isObject,
  hours: nullable(isObject),
  messages: isObject,
  policy: isObject,
  resolvedPolicy: isObject,
  presetPolicies: isObject,
  defaultPolicy: isObject,
  templateVariables: isObject,
  builtInTemplates: isObject,
});
const isErrorBody = shape<HttpErrorBody>({
  error: shape<HttpErrorBody["error"]>({ code: str, message: str }),
});

function url({ site }: PanelCredentials, teamId: string): string {
  return `/v1/sites/${encodeURIComponent(site)}/teams/${encodeURIComponent(teamId)}/settings`;
}

async function call(credentials: PanelCredentials, teamId: string, init: RequestInit = {}): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url(credentials, teamId), {
      ...init,
      // The session cookie goes with it (same origin); nothing secret is in page script.
      headers: init.body ? { "Content-Type": "application/json" } : {},
    });
  } catch {
    throw new SettingsError("The server could not be reached. Check the connection and try again.", [], 0);
  }
  const body: unknown = await response.json().catch(() => null);
  if (response.ok) return body;
  if (isErrorBody(body)) {
    const { message, path, issues } = (body as HttpErrorBody).error;
    throw new SettingsError(message, issues ?? (path ? [{ path, message }] : []), response.status);
  }
  throw new SettingsError(`The server answered ${response.status}.`, [], response.status);
}

export async function loadTeamForm(credentials: PanelCredentials, teamId: string): Promise<TeamFormView> {
  const body = await call(credentials, teamId);
  if (!isFormView(body))
    throw new SettingsError("The server sent settings this panel cannot read; reload the page.", [], 200);
  return body as TeamFormView;
}

export async function saveTeamForm(
  credentials: PanelCredentials,
  teamId: string,
  form: TeamFormBody,
): Promise<void> {
  await call(credentials, teamId, { method: "PUT", body: JSON.stringify(form) });
}
