import { searchText } from '@dataetat/widgets';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FINANCEMENTS } from '../financements/table.ts';
import { importGrantSamples } from '../imports/grants/test-files.ts';
import { chorusLoader } from '../seed/chorus/loader.ts';
import { dotationsLoader } from '../seed/dotations-loader.ts';
import { GeoReference } from '../seed/geo-reference.ts';
import { politiqueVilleLoader } from '../seed/politique-ville-loader.ts';
import { referenceLoader } from '../seed/reference-loader.ts';
import { seedDir } from '../testing/harness.ts';
import { DuckDbWarehouse } from '../warehouse/duckdb.ts';
import { datasetDefinitions } from './index.ts';

let warehouse: DuckDbWarehouse;

beforeAll(async () => {
  warehouse = await DuckDbWarehouse.open({ path: ':memory:' });
  const geo = GeoReference.load();
  for (const loader of [referenceLoader, dotationsLoader, politiqueVilleLoader, chorusLoader(5_000)]) {
    await loader.load({ seedDir, warehouse, geo });
  }
  // Datasets fed only by imports: the seed pack's samples.
  await importGrantSamples(warehouse, geo);
  // Built from all of the above.
  await warehouse.rebuildTables([FINANCEMENTS]);
});
afterAll(() => warehouse.close());

describe.each(datasetDefinitions.map((d) => [d.id, d] as const))('catalogue: %s', (_id, dataset) => {
  it('names only columns its table has', async () => {
    const { rows } = await warehouse.query(
      'SELECT column_name FROM information_schema.columns WHERE table_name = $1',
      [dataset.table],
    );
    const columns = new Set(rows.map((r) => r[0]));
    const used = [
      ...dataset.dimensions.flatMap((d) =>
        [d.column, d.labelColumn, d.searchColumn].filter((c): c is string => c !== undefined),
      ),
      ...dataset.measures.flatMap((m) =>
        m.aggregate.kind === 'sum' || m.aggregate.kind === 'count_distinct' ? [m.aggregate.column] : [],
      ),
    ];
    expect(used.filter((c) => !columns.has(c))).toEqual([]);
  });

  it('has unique ids, ratios over its own measures, and a région scope when geolocated', () => {
    const ids = [...dataset.dimensions, ...dataset.measures].map((x) => x.id);
    expect(new Set(ids).size).toBe(ids.length);
    const measures = new Set(dataset.measures.map((m) => m.id));
    for (const m of dataset.measures) {
      if (m.aggregate.kind === 'ratio') {
        expect(measures.has(m.aggregate.numerator) && measures.has(m.aggregate.denominator)).toBe(true);
      }
    }
    if (dataset.dimensions.some((d) => d.type === 'geo')) expect(dataset.scopeField).toBe('region');
    if (dataset.demo) expect(`${dataset.title} ${dataset.description}`).toMatch(/données de démonstration/i);
  });

  it('names its year dimension `annee` (a pivot lays it out as columns by that name)', () => {
    for (const dimension of dataset.dimensions.filter((d) => d.type === 'year')) {
      expect(dimension.id).toBe('annee');
    }
  });

  it('gives each code a single label (labels are grouping keys)', async () => {
    for (const d of dataset.dimensions.filter((x) => x.labelColumn)) {
      const { rows } = await warehouse.query(
        `SELECT count(*) FROM (SELECT "${d.column}" FROM "${dataset.table}" GROUP BY 1 HAVING count(DISTINCT "${d.labelColumn}") > 1)`,
      );
      expect([d.id, rows[0]?.[0]]).toEqual([d.id, 0]);
    }
  });

  it('builds an entity table for each dimension declaring one, whose lines all have a code', async () => {
    // The search keeps lines by code (`code IN (…)`): a line without one would never be found.
    for (const d of dataset.dimensions.filter((x) => x.entityTable)) {
      expect(d.searchColumn).toBeDefined();
      expect(await warehouse.tableExists(d.entityTable as string)).toBe(true);
      const { rows } = await warehouse.query(
        `SELECT count(*) FROM "${dataset.table}" WHERE "${d.column}" IS NULL`,
      );
      expect([d.id, rows[0]?.[0]]).toEqual([d.id, 0]);
    }
  });

  it('fills each search column with the folded code and label of its row', async () => {
    const searchable = dataset.dimensions.filter((d) => d.searchColumn);
    expect(searchable.length).toBeGreaterThan(0);
    for (const d of searchable) {
      const label = d.labelColumn ? `"${d.labelColumn}"` : 'NULL';
      const { rows } = await warehouse.query(
        `SELECT DISTINCT "${d.column}", ${label}, "${d.searchColumn}" FROM "${dataset.table}"`,
      );
      expect(rows.length).toBeGreaterThan(0);
      const wrong = rows.filter(([code, text, search]) => search !== searchText(code, text));
      expect([d.id, wrong.slice(0, 3)]).toEqual([d.id, []]);
    }
  });
});
