import type { QuerySpec } from '../spec/types.ts';
import type { ResolvedTableOptions } from './spec.ts';

/** The page sizes a reader can pick (the `pageSize` option's choices): the renderer needs them too. */
export const PAGE_SIZES = [25, 50, 100, 200] as const;
export const DEFAULT_PAGE_SIZE = 50;

/** The spec a table widget sends first: its page size as `limit`, and the grand totals. */
export function tableQuery(
  spec: QuerySpec,
  { pageSize, totals }: Pick<ResolvedTableOptions, 'pageSize' | 'totals'>,
): QuerySpec {
  const hasTotals = totals && spec.measures.length > 0 && (spec.dimensions ?? []).length > 0;
  return {
    ...spec,
    limit: spec.limit ?? pageSize,
    offset: spec.offset ?? 0,
    ...(hasTotals && { totals: true }),
  };
}
