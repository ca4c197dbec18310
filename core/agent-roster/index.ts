/** The team's roster as agents' panels hold it, kept current by coalesced per-tick frames. */
export { RosterFeed, type RosterBatch, type RosterEntry } from "./roster-feed";
