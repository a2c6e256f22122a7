import type { ValueFormat } from '../catalogue/types.ts';
import { formatAxisValue } from '../echarts/format.ts';
import { type Classification, classOf, computeBreaks } from './breaks.ts';
import { sequentialColours } from './colours.ts';
import type { AreaValue } from './mapData.ts';

/** One legend line: a colour swatch (or the no-data hatching) and its French text. */
export interface LegendItem {
  readonly kind: 'class' | 'no-data';
  readonly colour: string;
  readonly label: string;
}

export interface ChoroplethClasses {
  readonly bounds: readonly number[];
  readonly colours: readonly string[];
  /** Codes of the areas with a value, grouped by class (index = class). */
  readonly codesByClass: readonly (readonly string[])[];
  readonly legend: readonly LegendItem[];
}

export const NO_DATA_LABEL = 'Pas de données';

/** A class's text: `1,2 M€ – 3,4 M€`, or a single value when both ends are equal. */
export function classLabel(low: number, high: number, format: ValueFormat): string {
  const from = formatAxisValue(low, format);
  const to = formatAxisValue(high, format);
  return from === to ? from : `${from} – ${to}`;
}

/**
 * Classes for a choropleth: breaks over the areas that have a value, one colour per class,
 * and the legend (classes then « Pas de données », always listed since the boundaries drawn
 * include areas absent from the result).
 */
export function classifyAreas(
  areas: readonly AreaValue[],
  options: { readonly classes: number; readonly method: Classification; readonly format: ValueFormat },
): ChoroplethClasses {
  const values = areas.flatMap((a) => (a.value === null ? [] : [a.value]));
  const bounds = computeBreaks(values, options.classes, options.method);
  const count = Math.max(0, bounds.length - 1);
  const colours = sequentialColours(count === 0 && values.length > 0 ? 1 : count);
  const codesByClass: string[][] = colours.map(() => []);
  for (const area of areas) {
    if (area.value === null) continue;
    codesByClass[count === 0 ? 0 : classOf(area.value, bounds)]?.push(area.code);
  }
  const legend: LegendItem[] = colours.map((colour, i) => ({
    kind: 'class',
    colour,
    label: classLabel(bounds[i] ?? 0, bounds[i + 1] ?? bounds[i] ?? 0, options.format),
  }));
  legend.push({ kind: 'no-data', colour: 'transparent', label: NO_DATA_LABEL });
  return { bounds, colours, codesByClass, legend };
}
