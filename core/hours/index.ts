/**
 * Business hours: the pure clock the TeamDO asks whether its team is open, when it next
 * opens (for the away message) and when that next changes (for its alarm). No Cloudflare
 * import; tested in plain Node.
 */
export { isOpen, nextChange, nextOpening } from "./business-hours";
export { firstInstantAtOrAfter, isKnownTimeZone, localDayNumber, wallClock } from "./zoned-time";
