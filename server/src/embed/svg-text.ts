/**
 * Text inside an SVG picture. Titles, labels and sources come from users and data, so every text
 * goes through `xmlText` (or `xmlChars` for markup built by ECharts): no character can open a tag,
 * an entity or an attribute, and no character XML forbids (controls, lone surrogates) survives.
 * Widths are estimates: there is no font on the server, so texts are cut by character count.
 */

/** Characters XML 1.0 does not allow anywhere: C0 controls but tab/LF/CR, U+FFFE/U+FFFF, lone surrogates. */
const NOT_XML =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly what is replaced
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Runs of ordinary white space (not the no-break spaces French figures are written with). */
const SPACES = /[ \t\n\r\f\v]+/g;

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Any string → characters XML allows (the forbidden ones become U+FFFD, as a decoder would show). */
export function xmlChars(text: string): string {
  return text.replace(NOT_XML, '\uFFFD');
}

/** Any string → safe text content or attribute value (double or single quotes). */
export function xmlText(text: string): string {
  return xmlChars(text).replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/** Average advance of a character, as a share of the font size (Marianne / Arial, mixed case). */
const CHAR_WIDTH = 0.56;

/** Characters that fit in `width` pixels at `fontSize` (estimate). */
export function charsIn(width: number, fontSize: number): number {
  return Math.max(1, Math.floor(width / (fontSize * CHAR_WIDTH)));
}

/** Estimated width of `text` at `fontSize`. */
export function textWidth(text: string, fontSize: number): number {
  return [...text].length * fontSize * CHAR_WIDTH;
}

/** The text cut to `max` characters (code points, so a cut never splits a pair), with « … ». */
export function truncate(text: string, max: number): string {
  const chars = [...text.replace(SPACES, ' ').trim()];
  return chars.length <= max
    ? chars.join('')
    : `${chars
        .slice(0, Math.max(0, max - 1))
        .join('')
        .trimEnd()}…`;
}

/** Words laid on lines of at most `max` characters; a longer word is cut. At most `maxLines` lines. */
export function wrap(text: string, max: number, maxLines: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.replace(SPACES, ' ').trim().split(' ')) {
    if (word === '') continue;
    const candidate = line === '' ? word : `${line} ${word}`;
    if ([...candidate].length <= max) {
      line = candidate;
      continue;
    }
    if (line !== '') lines.push(line);
    line = truncate(word, max);
  }
  if (line !== '') lines.push(line);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = truncate(`${kept[maxLines - 1]} …`, max);
  return kept;
}
