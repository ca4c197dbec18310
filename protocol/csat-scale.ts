/**
 * The satisfaction (CSAT) scale and the transcript formats, as values: zod-free, so the
 * widget's lazily loaded rating chunk can use them without shipping zod. The schemas that
 * parse a rating are in `csat.ts`.
 */

/** A rating is a whole number from 1 ("very poor") to 5 ("excellent"). */
export const CSAT_MIN_SCORE = 1;
export const CSAT_MAX_SCORE = 5;
/** Longest comment a visitor may leave with a rating, in characters. */
export const MAX_CSAT_COMMENT_CHARS = 1_000;
/** A closed conversation can be rated for this long after it closed (and is offered meanwhile). */
export const CSAT_WINDOW_DAYS = 7;

/** The files a visitor can download of their conversation. */
export const TranscriptFormat = { text: "text", html: "html" } as const;
export type TranscriptFormat = (typeof TranscriptFormat)[keyof typeof TranscriptFormat];
