/**
 * The panel's attachments: each team's signed links (one `AttachmentLinks` per team
 * connection, asked with the agent's token), the files pending in a reply box, and how both
 * look. The transfer and rendering code is the widget's too (`client/`).
 */
import { html, nothing } from "lit";
import { AttachmentLinks, fileSize } from "../client/attachment-transfer";
import { renderAttachments } from "../client/attachment-view";
import { PendingFiles, type PendingFile } from "../client/pending-files";
import type { TranscriptEntry } from "../client/transcript";
import type { PanelCredentials } from "./panel-auth";
import type { TeamConnection } from "./team-connection";

const agentBase = ({ site }: PanelCredentials) => `/v1/sites/${encodeURIComponent(site)}/agent/attachments`;

const linksByTeam = new WeakMap<TeamConnection, AttachmentLinks>();

/** The message's files, with links asked for once per team and batch. */
export function renderEntryFiles(
  entry: TranscriptEntry,
  team: TeamConnection,
  credentials: PanelCredentials,
  changed: () => void,
) {
  if (!entry.attachments) return nothing;
  let links = linksByTeam.get(team);
  if (!links) {
    links = new AttachmentLinks(
      { base: agentBase(credentials), token: () => null, team: team.teamId },
      changed,
    );
    linksByTeam.set(team, links);
  }
  return renderAttachments(html, entry.attachments, links);
}

/** The upload queue of one reply box. */
export function pendingReplyFiles(
  credentials: PanelCredentials,
  team: TeamConnection,
  conversationId: string,
  changed: () => void,
): PendingFiles {
  return new PendingFiles(
    {
      base: agentBase(credentials),
      token: () => null,
      team: team.teamId,
      conversation: conversationId,
    },
    changed,
  );
}

export function renderPendingFiles(files: readonly PendingFile[], remove: (key: number) => void) {
  if (files.length === 0) return nothing;
  return html`<ul class="pending-files" data-testid="pending-files" aria-live="polite">
    ${files.map(
      (file) =>
        html`<li class=${file.error ? "failed" : file.ref ? "ready" : "uploading"} data-testid="pending-file">
          <span class="name">${file.name}</span>
          <span class="size"
            >${file.error ?? (file.ref ? fileSize(file.size) : `Uploading… ${Math.round(file.progress * 100)}%`)}</span
          >
          <button type="button" class="link" aria-label="Remove ${file.name}" @click=${() => remove(file.key)}>×</button>
        </li>`,
    )}
  </ul>`;
}
