import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDir } from '../testing/harness.ts';
import { DuckDbWarehouse } from '../warehouse/duckdb.ts';
import { GeoReference } from './geo-reference.ts';
import { normaliseProgrammeCode, PROGRAMMES_FILE } from './programmes.ts';
import { programmesLoader } from './programmes-loader.ts';

let warehouse: DuckDbWarehouse;

/** Independent read: plain line split (no quoted newlines in this file), first field = code. */
const fileCodes = readFileSync(path.join(seedDir, PROGRAMMES_FILE), 'utf8')
  .split('\n')
  .slice(1)
  .filter((line) => line.trim() !== '')
  .map((line) => (line.split(',')[0] ?? '').padStart(4, '0'));

beforeAll(async () => {
  warehouse = await DuckDbWarehouse.open({ path: ':memory:' });
  await programmesLoader.load({ seedDir, warehouse, geo: new GeoReference() });
});
afterAll(() => warehouse.close());

describe('programmes and themes reference', () => {
  it('normalises programme codes to 4 digits', () => {
    expect(normaliseProgrammeCode('380')).toBe('0380');
    expect(normaliseProgrammeCode(' 103 ')).toBe('0103');
    expect(normaliseProgrammeCode('0354')).toBe('0354');
    expect(normaliseProgrammeCode('XXX')).toBeNull();
    expect(normaliseProgrammeCode('12345')).toBeNull();
  });

  it('loads every programme of the file with a 4-digit code, plus 0380 (Fonds vert)', async () => {
    const { rows } = await warehouse.query('SELECT code FROM ref_programmes ORDER BY code');
    const codes = rows.map((r) => r[0] as string);
    expect(fileCodes).toHaveLength(131);
    expect(fileCodes).not.toContain('0380');
    expect(codes).toEqual([...fileCodes, '0380'].sort());
    expect(codes.every((c) => /^\d{4}$/.test(c))).toBe(true);
  });

  it('keeps labels and themes', async () => {
    const { rows } = await warehouse.query(
      "SELECT code, label, theme FROM ref_programmes WHERE code IN ('0147', '0362', '0380', '0351') ORDER BY code",
    );
    expect(rows).toEqual([
      ['0147', 'Politique de la ville', 'Cohésion des territoires'],
      ['0351', "Fonds d'accompagnement interministériel Ressources humaines", null],
      ['0362', 'Ecologie', 'Plan de relance'],
      [
        '0380',
        "Fonds d'accélération de la transition écologique dans les territoires",
        'Ecologie, développement et mobilité durables',
      ],
    ]);
  });

  it('lists each theme once with its programme count', async () => {
    const { rows } = await warehouse.query('SELECT count(*), sum(nb_programmes) FROM ref_themes');
    // 34 distinct non-empty themes; 131 programmes + 0380 minus the one without a theme.
    expect(rows[0]).toEqual([34, 131]);
    const relance = await warehouse.query(
      "SELECT nb_programmes FROM ref_themes WHERE label = 'Plan de relance'",
    );
    expect(relance.rows).toEqual([[3]]);
  });
});
