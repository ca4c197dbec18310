/**
 * How the panel writes times: waits ("4 min") and clock times. English for now; kept in
 * one place for the panel's i18n later.
 */
const clock = new Intl.DateTimeFormat(undefined, { hour: "numeric", minute: "2-digit" });

export const clockTime = (epochMs: number): string => clock.format(epochMs);

/** A wait as agents read it at a glance: "now", "45 s", "12 min", "2 h 5 min". */
export function waitText(since: number, now: number): string {
  const seconds = Math.max(0, Math.floor((now - since) / 1000));
  if (seconds < 10) return "now";
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
}

/** Initials for an avatar: "Visitor 1a2b" -> "V1", "Ana Lima" -> "AL". */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  return words
    .slice(0, 2)
    .map((word) => word[0]!.toUpperCase())
    .join("");
}
