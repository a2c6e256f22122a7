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

/** White → DSFR blue-france 625 (#8585f6): the DSFR text grey (#161616) keeps ≥ 5.7:1 on every shade. */
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
