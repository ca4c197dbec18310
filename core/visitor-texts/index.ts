/**
 * Messages to the visitor: per-team templates over built-in English, Spanish, French and
 * Russian texts, rendered in the visitor's language and time zone. Pure; used by the TeamDO.
 */
export {
  renderVisitorMessage,
  type RenderVisitorMessageOptions,
  type VisitorMessageVars,
} from "./render-visitor-message";
export { DEFAULT_CATALOGS, FALLBACK_LANGUAGE } from "./default-catalogs";
export { canonicalLocale, languageCandidates } from "./language-resolution";
export { replyTimeForVisitor, replyTimePhrase, waitPhrase } from "./duration-phrases";
export { formatOpeningTime } from "./opening-time";
export type { LanguageCatalog } from "./catalogs/language-catalog";
