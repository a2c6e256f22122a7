import { readFileSync } from 'node:fs';
import { compileQuery, type QuerySpec, shapeResult } from '@dataetat/widgets';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogue } from '../../catalogue/index.ts';
import { CHORUS_IMPORT } from '../../chorus/tables.ts';
import { GeoReference } from '../../seed/geo-reference.ts';
import { testEngines } from '../../warehouse/testing.ts';
import type { Warehouse } from '../../warehouse/types.ts';
import { GRANT_SAMPLES, importGrantBytes } from './test-files.ts';

/**
 * The grant imports on each engine (DuckDB; PostgreSQL when TEST_DATABASE_URL is set): the
 * samples staged, placed and swapped in, then read through compiled widget specs, with the
 * figures computed here from the sample text. A beneficiary the warehouse already knows from an
 * imported Chorus line is placed at its commune.
 */

const ADEME = readFileSync(GRANT_SAMPLES.ademe);
const FRANCE_2030 = readFileSync(GRANT_SAMPLES.france2030);
const ademeRows = ADEME.toString('utf8')
  .replace(/^\ufeff/, '')
  .split('\n')
  .slice(1)
  .map((l) => l.split(','));
const ademeTotal = ademeRows.reduce((s, r) => s + Number(r[7]), 0);
/** A Chorus line already imported for the first ADEME beneficiary, in Rennes. */
const KNOWN_SIRET = ademeRows[0]?.[5] as string;
const RENNES = '35238';

let geo: GeoReference;
beforeAll(() => {
  geo = GeoReference.load();
});

function run(w: Warehouse, spec: QuerySpec, scope = 'NAT') {
  const compiled = compileQuery(spec, catalogue, { scope }, { dialect: w.dialect, maxLimit: 5000 });
  return w.query(compiled.sql, compiled.params).then((r) => shapeResult(compiled, r.rows));
}

describe.each(testEngines.map((e) => [e.name, e] as const))('grant imports on %s', (_name, engine) => {
  let w: Warehouse & { dispose(): Promise<void> };
  beforeAll(async () => {
    w = await engine.open();
    const row = CHORUS_IMPORT.columns.map((c) =>
      c.name === 'beneficiaire' ? KNOWN_SIRET : c.name === 'commune' ? RENNES : null,
    );
    await w.replaceTable(CHORUS_IMPORT, [row]);
    await importGrantBytes(w, geo, ADEME, 1);
    await importGrantBytes(w, geo, FRANCE_2030, 2);
  }, 120_000);
  afterAll(() => w?.dispose());

  it('holds every line of the samples with their totals, by attribuant and by operator', async () => {
    const scdl = await run(w, {
      dataset: 'subventions_operateurs',
      measures: ['montant', 'nb_aides', 'nb_beneficiaires'],
      dimensions: ['attribuant'],
    });
    expect(scdl.rows).toEqual([['38529030900454', 'ADEME', ademeTotal, ademeRows.length, ademeRows.length]]);
    const f2030 = await run(w, {
      dataset: 'france_2030_laureats',
      measures: ['montant_subvention', 'montant_avance_remboursable', 'montant_aide', 'nb_projets'],
      dimensions: ['operateur', 'annee'],
    });
    expect(f2030.rows).toEqual([['BPI', 2021, 418492, 3489768, 418492 + 3489768, 2]]);
  });

  it('places a known beneficiary at its commune, the others kept without territory', async () => {
    const byCommune = await run(w, {
      dataset: 'subventions_operateurs',
      measures: ['montant', 'nb_aides'],
      dimensions: ['region', 'commune'],
      sort: [{ field: 'commune', dir: 'asc' }],
    });
    expect(byCommune.rows).toEqual([
      ['53', 'Bretagne', RENNES, 'Rennes', Number(ademeRows[0]?.[7]), 1],
      [null, null, null, null, ademeTotal - Number(ademeRows[0]?.[7]), ademeRows.length - 1],
    ]);
    // A Bretagne agent sees the one aid placed in Bretagne, nothing of France 2030 (52 and 76).
    const bretagne = await run(w, { dataset: 'subventions_operateurs', measures: ['nb_aides'] }, '53');
    expect(bretagne.rows).toEqual([[1]]);
    const none = await run(w, { dataset: 'france_2030_laureats', measures: ['nb_projets'] }, '53');
    expect(none.rows).toEqual([[0]]);
  });

  it('replaces the attribuant’s lines with a new file, keeping one label per beneficiary', async () => {
    const lines = ADEME.toString('utf8').split('\n');
    const renamed = [lines[0], (lines[1] as string).replace('MEGO ! - MEGO', 'MEGO')].join('\n');
    await importGrantBytes(w, geo, Buffer.from(renamed), 3);
    const after = await run(w, {
      dataset: 'subventions_operateurs',
      measures: ['montant', 'nb_aides'],
      dimensions: ['beneficiaire'],
    });
    expect(after.rows).toEqual([[KNOWN_SIRET, 'MEGO', Number(ademeRows[0]?.[7]), 1]]);
    // France 2030 is another source: untouched.
    expect((await w.query('SELECT count(*) FROM france_2030_laureats')).rows).toEqual([[2]]);
  });
});
