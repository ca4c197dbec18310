/**
 * The panel's calls for history, search and labels, with the agent's session cookie: a page of the
 * team's closed conversations (`GET …/history`), one transcript (`GET …/conversations/:id`),
 * the team's label list (`GET/PUT …/labels`, read once per team and page), a conversation's
 * labels (`PUT …/conversations/:id/labels`) and a lead's reopen (`POST …/reopen`). Answers are
 * checked field by field (no zod in the browser); a refusal comes back as `{message, path?}`.
 */
import type {
  ConversationSummary,
  HistoryEntry,
  HistoryPage,
  HttpErrorBody,
  Label,
  Transcript,
} from "../protocol/wire";
import { listOf, nullable, num, shape, str, type Check } from "../client/frame-check";
import type { PanelCredentials } from "./panel-auth";

export interface Refused {
  message: string;
  path?: string;
}
export type Answer<T> = { ok: true; value: T } | { ok: false; refused: Refused };

const isLabel = shape<Label>({ id: str, name: str });
const isEntry = shape<HistoryEntry>({
  id: str,
  visitorId: str,
  visitorName: str,
  state: str,
  createdAt: num,
  closedAt: nullable(num),
  agents: listOf(shape<HistoryEntry["agents"][number]>({ id: str, name: str })),
  labels: listOf(str),
  messageCount: num,
});
const isPage = shape<HistoryPage>({ conversations: listOf(isEntry), nextCursor: nullable(str) });
const isTranscript = shape<Transcript>({
  conversation: isEntry,
  messages: listOf(shape<Transcript["messages"][number]>({ seq: num, from: str, text: str, at: num })),
});
const isErrorBody = shape<HttpErrorBody>({
  error: shape<HttpErrorBody["error"]>({ code: str, message: str }),
});

function teamUrl({ site }: PanelCredentials, teamId: string, rest: string): string {
  return `/v1/sites/${encodeURIComponent(site)}/teams/${encodeURIComponent(teamId)}/${rest}`;
}

async function call<T>(
  credentials: PanelCredentials,
  url: string,
  check: Check,
  init: { method?: string; body?: unknown } = {},
): Promise<Answer<T>> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: init.method ?? "GET",
      // The panel session's cookie goes along by itself (same origin).
      headers: init.body === undefined ? {} : { "Content-Type": "application/json" },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
  } catch {
    return {
      ok: false,
      refused: { message: "The server could not be reached. Check the connection and try again." },
    };
  }
  const body: unknown = await response.json().catch(() => null);
  // The cast is what the check just proved, field by field.
  if (response.ok && check(body)) return { ok: true, value: body as T };
  if (isErrorBody(body)) {
    const { message, path } = (body as HttpErrorBody).error;
    return { ok: false, refused: path ? { message, path } : { message } };
  }
  return { ok: false, refused: { message: `The server answered ${response.status}.` } };
}

/** What the history's filters say; empty fields are left out of the query. */
export interface HistoryFilters {
  q?: string;
  agent?: string;
  label?: string;
  visitor?: string;
  from?: number;
  to?: number;
  limit?: number;
  cursor?: string;
}

export function historyPage(
  credentials: PanelCredentials,
  teamId: string,
  filters: HistoryFilters,
): Promise<Answer<HistoryPage>> {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(filters))
    if (value !== undefined && value !== "") query.set(key, String(value));
  const search = query.toString();
  return call(credentials, teamUrl(credentials, teamId, `history${search ? `?${search}` : ""}`), isPage);
}

export function transcript(
  credentials: PanelCredentials,
  teamId: string,
  conversationId: string,
): Promise<Answer<Transcript>> {
  return call(
    credentials,
    teamUrl(credentials, teamId, `conversations/${encodeURIComponent(conversationId)}`),
    isTranscript,
  );
}

export function reopen(
  credentials: PanelCredentials,
  teamId: string,
  conversationId: string,
): Promise<Answer<{ ok: true; state: "queued" | "assigned" }>> {
  return call(
    credentials,
    teamUrl(credentials, teamId, `conversations/${encodeURIComponent(conversationId)}/reopen`),
    shape({ state: str }),
    { method: "POST" },
  );
}

export async function tagConversation(
  credentials: PanelCredentials,
  teamId: string,
  conversationId: string,
  labels: string[],
): Promise<Answer<string[]>> {
  const answer = await call<{ labels: string[] }>(
    credentials,
    teamUrl(credentials, teamId, `conversations/${encodeURIComponent(conversationId)}/labels`),
    shape<{ labels: string[] }>({ labels: listOf(str) }),
    { method: "PUT", body: { labels } },
  );
  return answer.ok ? { ok: true, value: answer.value.labels } : answer;
}

const labelCache = new Map<string, Promise<Label[]>>();

/** The team's labels; a failed read is an empty list, tried again next time. */
export function teamLabels(credentials: PanelCredentials, teamId: string): Promise<Label[]> {
  const key = `${credentials.site}/${teamId}`;
  let loading = labelCache.get(key);
  if (!loading) {
    loading = call<Label[]>(credentials, teamUrl(credentials, teamId, "labels"), listOf(isLabel)).then(
      (answer) => {
        if (answer.ok) return answer.value;
        labelCache.delete(key);
        return [];
      },
    );
    labelCache.set(key, loading);
  }
  return loading;
}

/** A lead saves the whole list; null when saved, else the refusal. */
export async function saveTeamLabels(
  credentials: PanelCredentials,
  teamId: string,
  labels: Label[],
): Promise<Refused | null> {
  const answer = await call(credentials, teamUrl(credentials, teamId, "labels"), shape({}), {
    method: "PUT",
    body: labels,
  });
  if (!answer.ok) return answer.refused;
  labelCache.set(`${credentials.site}/${teamId}`, Promise.resolve(labels));
  window.dispatchEvent(new CustomEvent(LABELS_CHANGED));
  return null;
}

/** Fired on `window` after a lead saved a label list, so every label picker reloads. */
export const LABELS_CHANGED = "edgechat-labels-changed";

/** A label's name from its team's list, or its id when the list dropped it. */
export function labelName(labels: readonly Label[], id: string): string {
  return labels.find((label) => label.id === id)?.name ?? id;
}

/** The labels a summary carries (older servers send none). */
export const labelsOf = (conversation: ConversationSummary | HistoryEntry | undefined): string[] =>
  conversation?.labels ?? [];
