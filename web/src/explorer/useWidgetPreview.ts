import type { WidgetDefinition } from '@dataetat/widgets/react';
import { useLiveQuery } from '../api/hooks.ts';
import type { DatasetSummary } from '../api/types.ts';
import { type SpecProblem, specProblem } from './errorPath.ts';
import { readyQuery } from './ready.ts';
import { useDebounced } from './useDebounced.ts';

/**
 * Runs the widget being built, ~300 ms after the last change (a burst of clicks sends one query),
 * keeping the previous result on screen meanwhile; a refused spec becomes a `problem` the builder
 * shows next to the faulty control.
 */
export function useWidgetPreview(widget: WidgetDefinition, dataset: DatasetSummary | undefined) {
  const settled = useDebounced(widget, 300);
  const ready = readyQuery(settled.query, dataset);
  const result = useLiveQuery(ready.query);
  const problem: SpecProblem | null = result.error ? specProblem(result.error, ready.filterRows) : null;
  return { widget: settled, query: ready.query, result, problem, pending: settled !== widget };
}
