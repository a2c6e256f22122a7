import type { DatasetDefinition } from '@dataetat/widgets';
import type { DataLoad } from '../metadata/schema.ts';
import type { DataPart } from './composition.ts';
import { periodLabel } from './period.ts';

/** What the API says about a dataset: its definition minus warehouse internals, plus freshness. */
export function describeDataset(
  dataset: DatasetDefinition,
  load: DataLoad | undefined,
  years: readonly number[] = [],
  composition?: { readonly demo: boolean; readonly parts: readonly DataPart[] | undefined },
) {
  return {
    id: dataset.id,
    title: dataset.title,
    description: dataset.description,
    source: dataset.source,
    demo: composition?.demo ?? dataset.demo,
    ...(composition?.parts && { composition: composition.parts }),
    grain: dataset.grain,
    /** When the data was loaded here (not the period it covers: see `period`). */
    updatedAt: load?.finishedAt?.toISOString() ?? null,
    years,
    period: periodLabel(years),
    rowCount: load?.rowsLoaded ?? null,
    scoped: dataset.scopeField !== null,
    dimensions: dataset.dimensions.map((d) => ({
      id: d.id,
      label: d.label,
      type: d.type,
      ...(d.level && { level: d.level }),
      ...(d.axis && { axis: d.axis }),
      ...(d.parent && { parent: d.parent }),
      hasLabels: d.labelColumn !== undefined,
      ...(d.description && { description: d.description }),
    })),
    measures: dataset.measures.map((m) => ({
      id: m.id,
      label: m.label,
      format: m.format,
      additive: m.aggregate.kind !== 'ratio' && m.aggregate.kind !== 'count_distinct',
      ...(m.description && { description: m.description }),
    })),
    defaultSort: dataset.defaultSort ?? [],
  };
}
