/**
 * Glob matching for routing rules' page patterns: `*` is any run of characters (slashes
 * included), everything else literal, and the pattern must cover the whole URL. Used by
 * `pick-team.ts` in the Worker.
 *
 * Not a RegExp on purpose: a pattern is admin input and a page is visitor input, and a
 * regex of several `.*` can backtrack for a very long time on a crafted URL. This walk
 * is linear in practice and at most pattern length x URL length.
 *
 * @example
 * matchesGlob("*\/pricing*", "https://shop.example/pricing?plan=pro"); // true
 */

/** Whether `text` as a whole matches `pattern`. Case-sensitive, as URL paths are. */
export function matchesGlob(pattern: string, text: string): boolean {
  let p = 0;
  let t = 0;
  // Where the last `*` was, and where in `text` it currently stops absorbing.
  let star = -1;
  let resume = 0;
  while (t < text.length) {
    if (p < pattern.length && pattern[p] === "*") {
      star = p++;
      resume = t;
    } else if (p < pattern.length && pattern[p] === text[t]) {
      p++;
      t++;
    } else if (star >= 0) {
      // Mismatch after a `*`: let it absorb one more character and retry what follows it.
      p = star + 1;
      t = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.length && pattern[p] === "*") p++;
  return p === pattern.length;
}
