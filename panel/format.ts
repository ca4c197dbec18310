/**
 * How the panel writes times, durations, languages and countries: waits ("4 min"), clock
 * times, "es" as "Spanish". English for now; kept in one place for the panel's i18n later.
 */
const clock = new Intl.DateTimeFormat(undefined, { hour: "numeric", minute: "2-digit" });
const dateAndTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

export const clockTime = (epochMs: number): string => clock.format(epochMs);
export const dateTime = (epochMs: number): string => dateAndTime.format(epochMs);

/** A wait as agents read it at a glance: "now", "45 s", "12 min", "2 h 5 min". */
export function waitText(since: number, now: number): string {
  const seconds = Math.max(0, Math.floor((now - since) / 1000));
  if (seconds < 10) return "now";
  return durationText(seconds);
}

/** A duration in seconds: "45 s", "12 min", "2 h 5 min". */
export function durationText(totalSeconds: number): string {
  const seconds = Math.max(0, Math.round(totalSeconds));
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

function displayName(type: "language" | "region", code: string): string {
  try {
    return new Intl.DisplayNames(["en"], { type }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** "es-MX" -> "Spanish (Mexico)"; the code itself when unknown. */
export const languageName = (code: string): string => displayName("language", code);
/** "FR" -> "France". */
export const countryName = (code: string): string => displayName("region", code.toUpperCase());

/** The time now in a time zone, "14:05", or null for a zone this browser does not know. */
export function timeIn(timeZone: string, now: number): string | null {
  try {
    return new Intl.DateTimeFormat(undefined, { hour: "numeric", minute: "2-digit", timeZone }).format(now);
  } catch {
    return null;
  }
}
