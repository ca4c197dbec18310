/**
 * The `color` attribute of `<chat-widget>` as a style rule: the accent colour and, for
 * `#hex` colours, a text colour that reads on it. Pure (no DOM), part of the loader; its
 * test is `test/unit/widget/accent-color.test.ts`.
 *
 * @example
 * sheet.replaceSync(accentCss("#0a7")); // ":host{--chat-accent:#0a7;--chat-accent-contrast:#111}"
 */

/** Colours as CSS knows them, and nothing that could close the rule it is put in. */
const SAFE_COLOR = /^[#\w(),.%\s/-]{1,64}$/;

/** Black or white, whichever contrasts more with a `#rgb` / `#rrggbb` colour (WCAG luminance). */
export function textOn(color: string): string | null {
  const hex = /^#([\da-f]{3}|[\da-f]{6})$/i.exec(color)?.[1];
  if (!hex) return null;
  const full = hex.length === 3 ? hex.replace(/./g, "$&$&") : hex;
  // sRGB decoded with gamma 2.2 (close enough to the exact curve for a yes/no); at a
  // luminance of 0.179 black and white text have the same contrast.
  const [r, g, b] = [0, 2, 4].map((at) => (parseInt(full.slice(at, at + 2), 16) / 255) ** 2.2) as [
    number,
    number,
    number,
  ];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.179 ? "#111" : "#fff";
}

/** The host rule for an accent colour; empty for none or for anything that is not a plain colour. */
export function accentCss(value: string | null): string {
  const ok = value && SAFE_COLOR.test(value);
  const contrast = ok ? textOn(value) : null;
  return ok ? `:host{--chat-accent:${value}${contrast ? `;--chat-accent-contrast:${contrast}` : ""}}` : "";
}
