export * from "./render-transcript";
