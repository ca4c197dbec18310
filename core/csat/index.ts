export * from "./csat-figures";
export * from "./rating-rules";
