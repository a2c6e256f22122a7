/**
 * The query actually sent for the preview: the builder's query minus the filters still being
 * written (an operator without its values yet), with the map back to the builder's filter rows so
 * a server error on `/filters/0` is shown on the right row.
 */
import type { QuerySpec } from '@dataetat/widgets/react';
import type { DatasetSummary } from '../api/types.ts';
import { isFilterComplete } from './operators.ts';

export interface ReadyQuery {
  /** Null when nothing can be asked yet (no dataset, no measure and no dimension). */
  readonly query: QuerySpec | null;
  /** `filterRows[i]` = index in the builder of the i-th filter sent. */
  readonly filterRows: readonly number[];
  /** Builder indexes of the filters left out because they are incomplete. */
  readonly incomplete: readonly number[];
}

export function readyQuery(query: QuerySpec | null, dataset: DatasetSummary | undefined): ReadyQuery {
  if (!query || (query.measures.length === 0 && (query.dimensions ?? []).length === 0)) {
    return { query: null, filterRows: [], incomplete: [] };
  }
  const filterRows: number[] = [];
  const incomplete: number[] = [];
  (query.filters ?? []).forEach((filter, index) => {
    const type = dataset?.dimensions.find((d) => d.id === filter.field)?.type ?? 'text';
    if (isFilterComplete(filter, type)) filterRows.push(index);
    else incomplete.push(index);
  });
  if (incomplete.length === 0) return { query, filterRows, incomplete };
  const filters = filterRows.map((i) => query.filters?.[i]).filter((f) => f !== undefined);
  const { filters: _all, ...rest } = query;
  return { query: filters.length > 0 ? { ...rest, filters } : rest, filterRows, incomplete };
}
