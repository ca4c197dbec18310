/**
 * The visitor column of the conversation view: who the visitor is (new or returning, how
 * many earlier conversations), how far to trust it (a verified identity signed by the site's
 * backend, or unverified hints the page set), their attributes, page, language, country and
 * local time, the email they left in the offline form, and a returning visitor's earlier
 * conversations, each openable read-only (`visitor-history.ts`). Everything is rendered as text.
 * A column beside the transcript on wide screens; below 1100 px a popover drawer opened by
 * the conversation header's Visitor button (Esc or a click outside closes it).
 */
import { html, nothing } from "lit";
import type { ConversationSummary } from "../protocol/wire";
import { countryName, dateTime, languageName, timeIn } from "./format";
import type { AgentDesk } from "./agent-desk";
import type { TeamConnection } from "./team-connection";
import "./visitor-history";

type Attributes = ConversationSummary["visitor"]["verified"];

export function renderVisitorDetails(
  team: TeamConnection,
  conversation: ConversationSummary | undefined,
  now: number,
  desk?: Pick<AgentDesk, "credentials" | "agent">,
) {
  if (!conversation) return nothing;
  const { visitor } = conversation;
  const verified = visitor.userId !== undefined;
  const hints = Object.entries(visitor.hints);
  const localTime = visitor.timeZone ? timeIn(visitor.timeZone, now) : null;
  return html`<aside class="details-panel" id="visitor-details" popover aria-label="Visitor details" data-testid="visitor-details">
    <section>
      <h3 class="list-title">
        <span>Visitor</span>
        <button class="ghost small drawer-close" popovertarget="visitor-details" popovertargetaction="hide" data-testid="details-close">
          Close
        </button>
      </h3>
      <p class="visitor-kind" data-testid="visitor-kind">
        ${
          visitor.previousConversations > 0
            ? html`<span class="badge returning">Returning</span>
              ${visitor.previousConversations} previous conversation${visitor.previousConversations === 1 ? "" : "s"}`
            : html`<span class="badge">New</span> first conversation`
        }
      </p>
      <dl class="facts">
        ${fact("Name", visitor.name)}
        ${visitor.email ? fact(conversation.offline ? "Email (offline form)" : verified ? "Email" : "Email (unverified)", visitor.email, "visitor-email") : nothing}
        ${conversation.page ? fact("Page", conversation.page, "visitor-page") : nothing}
        ${conversation.locale ? fact("Language", `${languageName(conversation.locale)} (${conversation.locale})`, "visitor-language") : nothing}
        ${visitor.country ? fact("Country", countryName(visitor.country), "visitor-country") : nothing}
        ${visitor.timeZone ? fact("Local time", localTime ? `${localTime} · ${visitor.timeZone}` : visitor.timeZone) : nothing}
      </dl>
    </section>
    ${
      conversation.offline
        ? html`<p class="callout" data-testid="offline-form-note">
          Left through the offline form while the team was closed${visitor.email ? html`: reply by email to <strong>${visitor.email}</strong>` : nothing}.
        </p>`
        : nothing
    }
    <section data-testid="visitor-identity">
      <h3 class="list-title">Identity</h3>
      ${
        verified
          ? html`<p><span class="badge verified" data-testid="identity-verified">Verified</span> signed by the site</p>
            <dl class="facts">${fact("User id", visitor.userId!)}${attributeFacts(visitor.verified)}</dl>`
          : hints.length > 0
            ? html`<p><span class="badge unverified" data-testid="identity-unverified">Unverified</span> set by the page, not signed: do not rely on it</p>
              <dl class="facts hints">${attributeFacts(visitor.hints)}</dl>`
            : html`<p class="muted">Anonymous: the site did not say who this is.</p>`
      }
    </section>
    ${
      desk && visitor.previousConversations > 0
        ? html`<section data-testid="visitor-earlier">
          <h3 class="list-title">Earlier conversations</h3>
          <visitor-history .credentials=${desk.credentials} team-id=${team.teamId} visitor-id=${conversation.visitorId}
            my-name=${desk.agent?.name ?? ""}></visitor-history>
        </section>`
        : nothing
    }
    <section>
      <h3 class="list-title">Conversation</h3>
      <dl class="facts">
        ${fact("Team", team.teamName)}
        ${fact("Started", dateTime(conversation.createdAt))}
        ${fact("Tier", `L${conversation.tier}`)}
        ${conversation.priority > 0 ? fact("Priority", String(conversation.priority)) : nothing}
        ${conversation.position !== null ? fact("Queue position", `#${conversation.position}`) : nothing}
      </dl>
    </section>
  </aside>`;
}

function fact(label: string, value: string, testId?: string) {
  return html`<div><dt>${label}</dt><dd data-testid=${testId ?? nothing}>${value}</dd></div>`;
}

function attributeFacts(attributes: Attributes) {
  return Object.entries(attributes).map(([key, value]) => fact(key, String(value)));
}
