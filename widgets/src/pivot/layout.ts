/** Small pure helpers of the pivot's layout: virtual window spacers and heat colours. */

/** Fixed row height (px): the virtualiser places rows without measuring them. */
export const PIVOT_ROW_HEIGHT = 36;

/**
 * Heights of the empty rows above and below the rendered window, so the scrollbar reflects the
 * whole table while only the visible rows exist in the DOM.
 */
export function spacerHeights(
  items: readonly { readonly start: number; readonly end: number }[],
  totalSize: number,
): { top: number; bottom: number } {
  const first = items[0];
  const last = items[items.length - 1];
  if (!first || !last) return { top: 0, bottom: 0 };
  return { top: first.start, bottom: Math.max(0, totalSize - last.end) };
}

/** White → DSFR blue-france 625 (#8585f6); the text colour on it follows its luminance (`textOn`). */
const LOW = [0xff, 0xff, 0xff];
const HIGH = [0x85, 0x85, 0xf6];

/** Background of a detail cell for heat colouring, or undefined when the value says nothing. */
export function heatColour(
  value: number | null,
  range: { min: number; max: number } | undefined,
): string | undefined {
  if (value === null || !range || range.max <= range.min) return undefined;
  const t = Math.min(1, Math.max(0, (value - range.min) / (range.max - range.min)));
  const channel = (i: number) =>
    Math.round((LOW[i] as number) + ((HIGH[i] as number) - (LOW[i] as number)) * t)
      .toString(16)
      .padStart(2, '0');
  return `#${channel(0)}${channel(1)}${channel(2)}`;
}

/** WCAG relative luminance of a `#rrggbb` colour. */
export function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
}

/** WCAG contrast ratio of two `#rrggbb` colours (1 to 21). */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return ((light ?? 0) + 0.05) / ((dark ?? 0) + 0.05);
}

/** DSFR's darkest grey, or white: whichever reads better on the background. */
const DARK_TEXT = '#161616';
const LIGHT_TEXT = '#ffffff';

/**
 * Text colour for a coloured cell: the inherited grey (#3a3a3a) fell to 3.69:1 on the darker
 * shades; the darkest grey or white is chosen from the background's luminance instead.
 */
export function textOn(background: string): string {
  return contrastRatio(DARK_TEXT, background) >= contrastRatio(LIGHT_TEXT, background)
    ? DARK_TEXT
    : LIGHT_TEXT;
}
