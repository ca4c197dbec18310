/**
 * A conversation as the visitor downloads it: plain text or a standalone HTML page with the
 * site's name, every line's time in the visitor's time zone and language, and a message's
 * attachments by name (as links when given a URL) when it has any. Only visitor, agent and system lines are given to
 * it (never notes: the caller passes the visitor's copy); the HTML escapes every text, so
 * nothing a visitor or agent typed becomes markup. Pure: the time zone and locale are passed in.
 */
import { TranscriptFormat } from "../../protocol";

export interface TranscriptLine {
  from: string;
  text: string;
  at: number;
  authorName?: string;
  /** Files sent with the message, when the message carries any. */
  attachments?: readonly { name: string; url?: string }[];
}

export interface TranscriptInput {
  siteName: string;
  teamName: string;
  conversationId: string;
  lines: readonly TranscriptLine[];
  /** The visitor's IANA zone and language; UTC and English when unknown or unusable. */
  timeZone?: string;
  locale?: string;
}

/** Formats times in the visitor's zone and language, falling back to UTC and English. */
function timeFormatter(timeZone: string | undefined, locale: string | undefined): (at: number) => string {
  const options: Intl.DateTimeFormatOptions = { dateStyle: "medium", timeStyle: "short" };
  for (const [zone, language] of [
    [timeZone, locale],
    [timeZone, "en"],
    ["UTC", "en"],
  ] as const) {
    try {
      const format = new Intl.DateTimeFormat(language ?? "en", { ...options, timeZone: zone ?? "UTC" });
      return (at) => format.format(at);
    } catch {
      // An unknown zone or malformed locale: try the next, plainer pair.
    }
  }
  return (at) => new Date(at).toISOString();
}

function speaker(line: TranscriptLine): string {
  if (line.from === "visitor") return "You";
  if (line.from === "agent") return line.authorName ? line.authorName : "Agent";
  return "";
}

/** The zone the times are in, as the header states it. */
function zoneName(timeZone: string | undefined): string {
  try {
    if (timeZone) new Intl.DateTimeFormat("en", { timeZone });
    return timeZone ?? "UTC";
  } catch {
    return "UTC";
  }
}

export function renderTranscript(input: TranscriptInput, format: TranscriptFormat): string {
  return format === TranscriptFormat.html ? renderHtml(input) : renderText(input);
}

export function renderText(input: TranscriptInput): string {
  const time = timeFormatter(input.timeZone, input.locale);
  const out = [
    `${input.siteName} — conversation with ${input.teamName}`,
    `Conversation ${input.conversationId}; times in ${zoneName(input.timeZone)}`,
    "",
  ];
  for (const line of input.lines) {
    const who = speaker(line);
    out.push(`[${time(line.at)}] ${who ? `${who}: ` : "— "}${line.text}`);
    for (const file of line.attachments ?? [])
      out.push(`    Attachment: ${file.name}${file.url ? ` <${file.url}>` : ""}`);
  }
  return `${out.join("\n")}\n`;
}

const escapeHtml = (text: string): string =>
  text.replace(
    /[&<>"']/g,
    (char) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[char]!,
  );

/** Only http(s) links: a `javascript:` URL in an attachment must not become a live link. */
const safeUrl = (url: string | undefined): string | null => (url && /^https?:\/\//i.test(url) ? url : null);

export function renderHtml(input: TranscriptInput): string {
  const time = timeFormatter(input.timeZone, input.locale);
  const title = escapeHtml(`${input.siteName} — conversation with ${input.teamName}`);
  const rows = input.lines.map((line) => {
    const who = speaker(line);
    const files = (line.attachments ?? [])
      .map((file) => {
        const url = safeUrl(file.url);
        return url
          ? `<li><a href="${escapeHtml(url)}">${escapeHtml(file.name)}</a></li>`
          : `<li>${escapeHtml(file.name)}</li>`;
      })
      .join("");
    return `<li class="${line.from === "visitor" || line.from === "agent" ? line.from : "system"}"><time>${escapeHtml(time(line.at))}</time> ${who ? `<b>${escapeHtml(who)}</b> ` : ""}<span>${escapeHtml(line.text)}</span>${files ? `<ul class="files">${files}</ul>` : ""}</li>`;
  });
  return `<!doctype html>
<html lang="${escapeHtml(input.locale ?? "en")}"><head><meta charset="utf-8"><title>${title}</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem;color:#1f2937}ol{list-style:none;padding:0}li{margin:.5rem 0;white-space:pre-wrap}time{color:#6b7280;font-size:.85em}.system{color:#6b7280;font-style:italic}.files{margin:.25rem 0 0 1rem;list-style:disc}</style>
</head><body><h1>${title}</h1><p>Conversation ${escapeHtml(input.conversationId)}; times in ${escapeHtml(zoneName(input.timeZone))}</p>
<ol>${rows.join("\n")}</ol></body></html>
`;
}
