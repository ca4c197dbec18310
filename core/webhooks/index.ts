/** Pure parts of outgoing webhooks: payloads, retry schedule. The TeamDO's outbox uses them. */
export * from "./event-payload";
export * from "./retry-schedule";
