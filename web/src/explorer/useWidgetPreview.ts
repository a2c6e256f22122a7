import { useWidgetData, type WidgetDefinition } from '@dataetat/widgets/react';
import type { DatasetSummary } from '../api/types.ts';
import { type SpecProblem, specProblem } from './errorPath.ts';
import { readyQuery } from './ready.ts';
import { useDebounced } from './useDebounced.ts';

/**
 * Runs the widget being built, ~300 ms after the last change (a burst of clicks sends one query),
 * through the same data hook as dashboards (a pivot previews with its subtotals, a table pages);
 * a refused spec becomes a `problem` the builder shows next to the faulty control.
 */
export function useWidgetPreview(widget: WidgetDefinition, dataset: DatasetSummary | undefined) {
  const settled = useDebounced(widget, 300);
  const ready = readyQuery(settled.query, dataset);
  const data = useWidgetData({ ...settled, query: ready.query });
  const problem: SpecProblem | null = data.error ? specProblem(data.error, ready.filterRows) : null;
  return {
    data,
    /** False while nothing can be asked yet (no dataset, no measure and no dimension). */
    ready: ready.query !== null,
    problem,
    /** The builder changed since the query shown was sent. */
    pending: settled !== widget,
  };
}
