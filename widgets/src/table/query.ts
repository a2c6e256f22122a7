import type { QuerySpec } from '../spec/types.ts';
import { resolveTableOptions, type TableOptions } from './spec.ts';

/** The spec a table widget sends first: its page size as `limit`, and the grand totals. */
export function tableQuery(spec: QuerySpec, options: TableOptions = {}): QuerySpec {
  const { pageSize, totals } = resolveTableOptions(options);
  const hasTotals = totals && spec.measures.length > 0 && (spec.dimensions ?? []).length > 0;
  return {
    ...spec,
    limit: spec.limit ?? pageSize,
    offset: spec.offset ?? 0,
    ...(hasTotals && { totals: true }),
  };
}
