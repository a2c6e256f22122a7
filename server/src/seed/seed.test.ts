import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataLoadRepository } from '../metadata/data-loads.ts';
import { type MetadataStore, openMetadataStore } from '../metadata/store.ts';
import { seedDir, tempDir } from '../testing/harness.ts';
import { DuckDbWarehouse } from '../warehouse/duckdb.ts';
import { canonicalCategories, dotationsLoader } from './dotations-loader.ts';
import { referenceLoader } from './reference-loader.ts';
import { loadSeedPack } from './runner.ts';
import type { SeedLoader } from './types.ts';

const log = pino({ level: 'silent' });
const dir = tempDir();
let warehouse: DuckDbWarehouse;
let store: MetadataStore;
let loads: DataLoadRepository;

/** Second code path: the CSV read with the sync parser, summed in plain JS. */
const csvRows = parse(readFileSync(path.join(seedDir, 'opendata/dotations-investissement-2019.csv')), {
  columns: true,
  bom: true,
}) as Record<string, string>[];
function sumBy(key: (row: Record<string, string>) => string): Map<string, number> {
  const sums = new Map<string, number>();
  for (const row of csvRows) sums.set(key(row), (sums.get(key(row)) ?? 0) + Number(row.montant_sub));
  return sums;
}

beforeAll(async () => {
  warehouse = await DuckDbWarehouse.open({ path: path.join(dir.path, 'w.duckdb') });
  store = await openMetadataStore({ dataDir: dir.path });
  await store.migrate();
  loads = new DataLoadRepository(store.db);
});
afterAll(async () => {
  await warehouse.close();
  await store.close();
  dir.remove();
});

describe('seed pack loading', () => {
  it('loads the COG reference and the dotations, then does nothing on a second run', async () => {
    const loaders = [referenceLoader, dotationsLoader];
    const first = await loadSeedPack({ seedDir, warehouse, loads, loaders, log });
    expect(first.map((o) => o.status)).toEqual(['loaded', 'loaded']);
    expect(first[1]?.rowsLoaded).toBe(csvRows.length);

    const second = await loadSeedPack({ seedDir, warehouse, loads, loaders, log });
    expect(second.map((o) => o.status)).toEqual(['up-to-date', 'up-to-date']);

    // Dropping a table forces a reload even though the fingerprint is unchanged.
    await warehouse.query('DROP TABLE ref_epci');
    const third = await loadSeedPack({ seedDir, warehouse, loads, loaders, log });
    expect(third.map((o) => o.status)).toEqual(['loaded', 'up-to-date']);
  });

  it('reproduces the totals of the CSV exactly', async () => {
    const { rows } = await warehouse.query(
      'SELECT dotation, CAST(SUM(montant_subvention) AS DOUBLE) FROM dotations_investissement GROUP BY 1',
    );
    const expected = sumBy((r) => r.dotation ?? '');
    expect(new Map(rows.map((r) => [r[0], r[1]]))).toEqual(expected);
    expect(expected.get('DETR')).toBe(977_561_920);
    expect(expected.get('DSIL')).toBe(554_492_422);
    expect(expected.get('DSID')).toBe(175_924_924);

    const dep59 = await warehouse.query(
      "SELECT CAST(SUM(montant_subvention) AS DOUBLE) FROM dotations_investissement WHERE departement = '59'",
    );
    expect(dep59.rows[0]?.[0]).toBe(35_689_019);
    expect(sumBy((r) => r.id_dep ?? '').get('59')).toBe(35_689_019);
  });

  it('places every row and reports those it could only place at the département', async () => {
    const require = createRequire(import.meta.url);
    const epcis = new Set(
      (require('@etalab/decoupage-administratif/data/epci.json') as { code: string }[]).map((e) => e.code),
    );
    const missingEpci = csvRows.filter((r) => r.echelon === 'epci' && !epcis.has(r.id_terr ?? '')).length;
    const last = await loads.lastSuccess('dotations_investissement');
    expect(last?.rowsUnplaced).toBe(missingEpci);
    expect(missingEpci).toBeGreaterThan(0);
    const { rows } = await warehouse.query(
      "SELECT count(*) FILTER (WHERE region IS NULL), count(*) FILTER (WHERE echelon = 'epci' AND epci IS NULL), count(*) FROM dotations_investissement",
    );
    expect(rows[0]).toEqual([0, missingEpci, csvRows.length]);
    // Corsican projects arrive as `20A`/`20B` and are placed in 2A/2B.
    const corse = await warehouse.query(
      "SELECT count(*) FROM dotations_investissement WHERE departement IN ('2A', '2B') AND region = '94'",
    );
    expect(corse.rows[0]?.[0]).toBe(csvRows.filter((r) => /^(2A|2B|20A|20B)$/.test(r.id_dep ?? '')).length);
  });

  it('merges the spellings of a category', () => {
    const canonical = canonicalCategories([
      '5 - Actions et Services publics',
      '5 - Actions et services publics',
      '5 - Actions et services publics',
      '7 - Construction',
    ]);
    expect(canonical.get('5 - Actions et Services publics')).toBe('5 - Actions et services publics');
    expect(canonical.get('7 - Construction')).toBe('7 - Construction');
  });

  it('keeps the previous data when a load fails halfway', async () => {
    const before = await warehouse.query('SELECT count(*) FROM dotations_investissement');
    const broken: SeedLoader = {
      ...dotationsLoader,
      version: 999,
      async load({ warehouse: target }) {
        async function* rows() {
          yield ['x', 2019];
          throw new Error('fichier tronqué');
        }
        await target.replaceTable(
          {
            name: 'dotations_investissement',
            columns: [
              { name: 'id_projet', type: 'text' },
              { name: 'annee', type: 'integer' },
            ],
          },
          rows(),
        );
        throw new Error('unreachable');
      },
    };
    const [outcome] = await loadSeedPack({ seedDir, warehouse, loads, loaders: [broken], log });
    expect(outcome).toMatchObject({ status: 'failed', error: 'fichier tronqué' });
    expect(await warehouse.query('SELECT count(*) FROM dotations_investissement')).toEqual(before);
    expect(await warehouse.tableExists('dotations_investissement__staging')).toBe(false);
    expect((await loads.lastSuccess('dotations_investissement'))?.fingerprint).not.toBe(outcome?.dataset);
  });
});
