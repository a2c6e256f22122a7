import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chorusLoader } from '../seed/chorus/loader.ts';
import { GeoReference } from '../seed/geo-reference.ts';
import { seedDir } from '../testing/harness.ts';
import { testEngines } from '../warehouse/testing.ts';
import type { Warehouse } from '../warehouse/types.ts';
import { chorusLignesRebuild, ensureChorusParts, importedLinesRebuild } from './composition.ts';
import { CHORUS_IMPORT, IMPORT_ONLY_COLUMNS } from './tables.ts';

/**
 * chorus_lignes = imported lines (AE per (EJ, poste), CP linked, orphan CP) + the demo lines of
 * the (année, région) no import covers. Same rows on both engines (PostgreSQL with
 * TEST_DATABASE_URL); expected figures come from the demo table itself and the rows written here.
 */

const geo = GeoReference.load();
const DEMO_LINES = 3_000;

/** A row of chorus_import_lignes from the fields that matter here (the rest null). */
function fact(fields: Record<string, unknown>): unknown[] {
  const row = CHORUS_IMPORT.columns.map((c) => fields[c.name] ?? null);
  return row;
}
const ae = (importId: number, ej: string, poste: number, annee: number, region: string, montant: number) =>
  fact({
    import_id: importId,
    kind: 'ae',
    ligne_fichier: poste,
    ej,
    poste_ej: poste,
    annee,
    date_engagement: `${annee}-03-0${poste}`,
    programme: '0103',
    beneficiaire: `B${ej}`,
    montant_ae: montant,
    montant_cp: 0,
    region,
  });
const cp = (
  importId: number,
  ej: string | null,
  poste: number | null,
  dp: string | null,
  annee: number,
  region: string,
  montant: number,
) =>
  fact({
    import_id: importId,
    kind: 'cp',
    ligne_fichier: 1,
    ej,
    poste_ej: poste,
    dp,
    annee,
    programme: '0152',
    montant_ae: 0,
    montant_cp: montant,
    region,
  });

describe.each(testEngines)('chorus_lignes composition on $name', (engine) => {
  let warehouse: Warehouse & { dispose(): Promise<void> };
  const rows = async (sql: string) => (await warehouse.query(sql)).rows;

  beforeAll(async () => {
    warehouse = await engine.open();
    await chorusLoader(DEMO_LINES).load({ seedDir, warehouse, geo });
  }, 120_000);
  afterAll(async () => {
    await warehouse?.dispose();
  });

  it('is the demo table alone before any import', async () => {
    expect(await rows(`SELECT origine, origine_label, count(*) FROM chorus_lignes GROUP BY 1, 2`)).toEqual([
      ['demo', 'Données de démonstration', DEMO_LINES],
    ]);
  });

  it('links CP onto their AE, keeps orphan CP, and drops only the demo lines of covered pairs', async () => {
    const [[demoBretagne2023]] = (await rows(
      `SELECT count(*) FROM chorus_demo WHERE annee = 2023 AND region = '53'`,
    )) as [[number]];
    expect(demoBretagne2023).toBeGreaterThan(0);
    await warehouse.replaceTable(CHORUS_IMPORT, [
      ae(1, 'E1', 1, 2023, '53', 100.1),
      ae(1, 'E1', 1, 2023, '53', 0.2), // same (EJ, poste) twice in one import: summed
      ae(1, 'E1', 2, 2023, '53', 50),
      ae(2, 'E1', 1, 2022, '53', 1000), // the same pair in another slice: one line, summed
      cp(3, 'E1', 1, null, 2023, '53', 30.05),
      cp(3, 'E1', 1, null, 2024, '53', 10),
      cp(3, 'E9', 1, null, 2023, '53', 7), // EJ never imported as AE: orphan
      cp(3, null, null, 'DP1', 2023, '53', 28.26), // no EJ: its own line per DP
      cp(3, null, null, 'DP2', 2023, '53', 27.96),
    ]);
    await warehouse.rebuildTables([await chorusLignesRebuild(warehouse)]);
    expect(
      await rows(`SELECT origine, ej, poste_ej, annee, montant_ae, montant_cp, programme, beneficiaire
        FROM chorus_lignes WHERE origine <> 'demo' ORDER BY origine, ej NULLS LAST, poste_ej, montant_cp`),
    ).toEqual([
      ['cp_orphelin', 'E9', 1, 2023, 0, 7, '0152', null],
      ['cp_orphelin', null, null, 2023, 0, 27.96, '0152', null],
      ['cp_orphelin', null, null, 2023, 0, 28.26, '0152', null],
      // The earliest row describes the line (2022), amounts of every slice summed.
      ['importe', 'E1', 1, 2022, 1100.3, 40.05, '0103', 'BE1'],
      ['importe', 'E1', 2, 2023, 50, 0, '0103', 'BE1'],
    ]);
    // Covered: (2022, 53), (2023, 53), (2024, 53). Every other demo line is still there.
    const [[demoOutside]] = (await rows(
      `SELECT count(*) FROM chorus_demo WHERE NOT (region = '53' AND annee IN (2022, 2023, 2024))`,
    )) as [[number]];
    expect(await rows(`SELECT count(*) FROM chorus_lignes WHERE origine = 'demo'`)).toEqual([[demoOutside]]);
    expect(
      await rows(
        `SELECT count(*) FROM chorus_lignes WHERE origine = 'demo' AND region = '53' AND annee = 2023`,
      ),
    ).toEqual([[0]]);
    // Rollups are rebuilt with it.
    expect(
      await rows(`SELECT sum(row_count) FROM chorus_lignes__r_annee_dep_prog WHERE origine = 'cp_orphelin'`),
    ).toEqual([[3]]);
  });

  it('replaces only the (kind, année, région) slices a new import covers', async () => {
    await warehouse.replaceTable({ name: 'chorus_import__staged_test', columns: CHORUS_IMPORT.columns }, [
      ae(4, 'E5', 1, 2023, '53', 5),
    ]);
    await warehouse.rebuildTables([
      importedLinesRebuild('chorus_import__staged_test'),
      await chorusLignesRebuild(warehouse),
    ]);
    expect(
      await rows(
        `SELECT import_id, kind, annee, count(*) FROM chorus_import_lignes GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
      ),
    ).toEqual([
      [2, 'ae', 2022, 1], // another year: kept
      [3, 'cp', 2023, 4], // CP of the same year: kept (an AE file replaces AE only)
      [3, 'cp', 2024, 1],
      [4, 'ae', 2023, 1],
    ]);
    expect(
      await rows(
        `SELECT ej, poste_ej, montant_ae, montant_cp FROM chorus_lignes WHERE origine = 'importe' ORDER BY 1, 2`,
      ),
    ).toEqual([
      ['E1', 1, 1000, 40.05],
      ['E5', 1, 5, 0],
    ]);
  });

  it('gives imported lines kept from an earlier version the columns added since, empty', async () => {
    const added = new Set(IMPORT_ONLY_COLUMNS.map((c) => c.name));
    const older = CHORUS_IMPORT.columns.filter((c) => !added.has(c.name));
    await warehouse.replaceTable(
      { name: 'chorus_import_lignes', columns: older },
      [
        fact({ import_id: 5, kind: 'ae', ej: 'E7', poste_ej: 1, annee: 2021, region: '53', montant_ae: 7 }),
      ].map((row) => row.filter((_v, i) => !added.has(CHORUS_IMPORT.columns[i]?.name ?? ''))),
    );
    await ensureChorusParts(warehouse);
    await ensureChorusParts(warehouse); // twice: nothing more
    await warehouse.rebuildTables([await chorusLignesRebuild(warehouse)]);
    expect(
      await rows(`SELECT ej, montant_ae, groupe_marchandise FROM chorus_lignes WHERE origine = 'importe'`),
    ).toEqual([['E7', 7, null]]);
  });
});
