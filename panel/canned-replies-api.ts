/**
 * A team's canned replies over HTTP with the agent's session cookie
 * (`GET/PUT /v1/sites/:site/teams/:team/canned-replies`): read once per team and page
 * (the reply box's `/` list) and again after a lead saves. Types only from the protocol.
 */
import type { CannedReply, HttpErrorBody } from "../protocol/wire";
import { listOf, shape, str, type Check } from "../client/frame-check";
import type { PanelCredentials } from "./panel-auth";

const isList: Check = listOf(shape<CannedReply>({ id: str, title: str, text: str }));
const isErrorBody = shape<HttpErrorBody>({
  error: shape<HttpErrorBody["error"]>({ code: str, message: str }),
});

const cache = new Map<string, Promise<CannedReply[]>>();

function url({ site }: PanelCredentials, teamId: string): string {
  return `/v1/sites/${encodeURIComponent(site)}/teams/${encodeURIComponent(teamId)}/canned-replies`;
}

/** The team's replies; a failed read is an empty list (the `/` list then says so), tried again next time. */
export function cannedReplies(credentials: PanelCredentials, teamId: string): Promise<CannedReply[]> {
  const key = `${credentials.site}/${teamId}`;
  let loading = cache.get(key);
  if (!loading) {
    loading = fetch(url(credentials, teamId))
      .then(async (response) => {
        const body: unknown = await response.json();
        if (!response.ok || !isList(body)) throw new Error(`canned replies: ${response.status}`);
        return body as CannedReply[];
      })
      .catch(() => {
        cache.delete(key);
        return [];
      });
    cache.set(key, loading);
  }
  return loading;
}

/** A lead saves the whole list; resolves to null, or the server's refusal as `{message, path?}`. */
export async function saveCannedReplies(
  credentials: PanelCredentials,
  teamId: string,
  replies: CannedReply[],
): Promise<{ message: string; path?: string } | null> {
  let response: Response;
  try {
    response = await fetch(url(credentials, teamId), {
      method: "PUT",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(replies),
    });
  } catch {
    return { message: "The server could not be reached. Check the connection and try again." };
  }
  if (response.ok) {
    cache.set(`${credentials.site}/${teamId}`, Promise.resolve(replies));
    return null;
  }
  const body: unknown = await response.json().catch(() => null);
  if (isErrorBody(body)) {
    const { message, path } = (body as HttpErrorBody).error;
    return path ? { message, path } : { message };
  }
  return { message: `The server answered ${response.status}.` };
}
