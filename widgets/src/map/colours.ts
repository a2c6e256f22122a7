/**
 * Sequential colours for choropleths, from the DSFR « bleu France » scale (light → dark), and
 * the look of areas without data. Light classes stay visible on the plain background; the
 * darkest is bleu France itself.
 */
const BLUE_SCALE: readonly string[] = [
  '#e3e3fd', // bleu France 925
  '#cacafb', // bleu France 850
  '#a1a1f8', // bleu France 750
  '#6a6af4', // bleu France main-525
  '#313178', // bleu France 200 (approx.)
  '#000091', // bleu France sun-113
];

/** Map background (no base map): a very light grey-blue, so the white no-data hatching shows. */
export const MAP_BACKGROUND = '#f6f6f6';
/** Areas with no value: light grey with darker diagonal hatching. */
export const NO_DATA_FILL = '#eeeeee';
export const NO_DATA_HATCH = '#929292';
/** Areas outside the drilled territory: plain light grey, no hatching (they are not empty). */
export const OUT_OF_SCOPE_FILL = '#e5e5e5';
/** Borders between areas. */
export const AREA_OUTLINE = '#ffffff';
/** Commune borders drawn as context under the quartiers prioritaires. */
export const CONTEXT_OUTLINE = '#929292';
/** Outline of the selected area (cross-filter). */
export const SELECTED_OUTLINE = '#e1000f';
/** Proportional symbols and points. */
export const SYMBOL_FILL = '#000091';

function parseHex(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

const toHex = (rgb: readonly number[]) =>
  `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;

/** `count` colours evenly spread over the scale (interpolated in sRGB between its stops). */
export function sequentialColours(count: number): string[] {
  if (count <= 0) return [];
  if (count === 1) return [BLUE_SCALE[3] as string];
  const colours: string[] = [];
  for (let i = 0; i < count; i++) {
    const position = (i / (count - 1)) * (BLUE_SCALE.length - 1);
    const low = Math.floor(position);
    const high = Math.min(low + 1, BLUE_SCALE.length - 1);
    const t = position - low;
    const a = parseHex(BLUE_SCALE[low] as string);
    const b = parseHex(BLUE_SCALE[high] as string);
    colours.push(toHex(a.map((c, k) => c + ((b[k] ?? c) - c) * t)));
  }
  return colours;
}
