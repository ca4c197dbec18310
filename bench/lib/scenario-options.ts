/**
 * The knobs of one load run (`bench:load`, `bench:fault`) and the default load, each
 * overridden by a flag of the same name; read by `Run` (scenario.ts) and its phases.
 */
export interface ScenarioOptions {
  visitors: number;
  agents: number;
  /** Chat messages a second, all conversations together (open loop). */
  rate: number;
  /** Seconds of the measured window. */
  duration: number;
  /**
   * Seconds of the window's load run before it is measured: a runtime that sat idle (its
   * floor's window, a drain) starts slow for a second, and that second would be 1/15 of a
   * 15 s step's samples, most of its p99.
   */
  leadIn: number;
  /** Support teams (TeamDOs) the visitors and agents are spread over. */
  teams: number;
  /** New conversations a second during the window (a visitor closes and starts again). */
  arrivals: number;
  /** Share of the chat messages written by visitors (the rest by their agents). */
  visitorShare: number;
  queueVisitors: number;
  queueAgents: number;
  queueLimit: number;
  queueCloseMs: number;
  /** First messages a second during the warm-up. */
  warmupRate: number;
  connectConcurrency: number;
  /** Take a CPU profile of the runtime during the window. */
  profile: boolean;
  /**
   * Clients talk to the runtime workerd's own port instead of wrangler's port (whose proxy
   * worker, a dev-only hop, relays every request and frame; see bench/RESULTS.md).
   */
  direct: boolean;
}

/** The default load, shared by `bench:load` and `bench:fault` (each flag overrides one). */
export const DEFAULT_LOAD = {
  visitors: 1000,
  agents: 50,
  rate: 200,
  duration: 60,
  leadIn: 2,
  teams: 1,
  arrivals: 10,
  visitorShare: 0.5,
  queueVisitors: 40,
  queueAgents: 2,
  queueLimit: 5,
  queueCloseMs: 1500,
  warmupRate: 100,
  connectConcurrency: 16,
  profile: false,
  direct: false,
} satisfies ScenarioOptions;
