/**
 * An example for a widget type the gallery has no hand-written example of (a type just added to
 * the registry): the first query on the catalogue's datasets that the type can show, real data
 * before demonstration data, from rich shapes (territory × year) to a single figure.
 */
import type { QueryShape, QuerySpec, WidgetDefinition, WidgetType } from '@dataetat/widgets/react';
import type { DatasetDimension, DatasetSummary } from '../api/types.ts';
import { autoTitle, shapeOf } from '../explorer/specState.ts';

type DimensionPick = (dataset: DatasetSummary) => DatasetDimension | undefined;

const year: DimensionPick = (d) => d.dimensions.find((x) => x.type === 'year');
const region: DimensionPick = (d) =>
  d.dimensions.find((x) => x.type === 'geo' && x.level === 'region') ??
  d.dimensions.find((x) => x.type === 'geo');
const category: DimensionPick = (d) => d.dimensions.find((x) => x.type === 'code' || x.type === 'text');

/** Dimension lists tried in order; a list with a dimension the dataset lacks is skipped. */
const SHAPES: readonly (readonly DimensionPick[])[] = [
  [region, year],
  [category, year],
  [year],
  [category],
  [region],
  [],
];

export function autoExample(
  definition: { readonly type: WidgetType; fits(shape: QueryShape): boolean },
  datasets: readonly DatasetSummary[],
): WidgetDefinition | null {
  const ordered = [...datasets.filter((d) => !d.demo), ...datasets.filter((d) => d.demo)];
  for (const dataset of ordered) {
    const [measure] = dataset.measures;
    if (!measure) continue;
    for (const picks of SHAPES) {
      const dims = picks.map((pick) => pick(dataset));
      if (dims.some((d) => d === undefined)) continue;
      const query: QuerySpec = {
        dataset: dataset.id,
        measures: [measure.id],
        ...(dims.length > 0 ? { dimensions: dims.map((d) => (d as DatasetDimension).id) } : {}),
      };
      if (!definition.fits(shapeOf(query, dataset))) continue;
      return {
        id: `exemple-${definition.type}`,
        type: definition.type,
        title: autoTitle(query, dataset),
        query,
        options: {},
      };
    }
  }
  return null;
}
