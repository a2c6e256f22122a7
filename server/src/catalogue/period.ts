import type { DatasetDefinition } from '@dataetat/widgets';
import type { QueryService } from '../query/query-service.ts';

/**
 * The years a dataset covers, asked from the data itself (a later year dropped into the seed
 * pack shows up with no code change). Not sensitive: asked with the national scope, and cached
 * with the data version like any query.
 */
export async function yearsCovered(dataset: DatasetDefinition, queries: QueryService): Promise<number[]> {
  const year = dataset.dimensions.find((d) => d.type === 'year');
  if (!year) return [];
  const result = await queries.run(
    {
      dataset: dataset.id,
      measures: [],
      dimensions: [year.id],
      sort: [{ field: year.id, dir: 'asc' }],
      limit: 200,
    },
    { scope: 'NAT' },
  );
  return result.rows.map((row) => row[0]).filter((value): value is number => typeof value === 'number');
}

/** « 2019 », « 2020 – 2022 », or null when unknown. */
export function periodLabel(years: readonly number[]): string | null {
  if (years.length === 0) return null;
  const first = years[0];
  const last = years[years.length - 1];
  return first === last ? String(first) : `${first} – ${last}`;
}
