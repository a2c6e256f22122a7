import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHORUS_LIGNES_COLUMNS } from '../chorus/tables.ts';
import { FRANCE_2030_TABLE, SUBVENTIONS_TABLE } from '../imports/grants/tables.ts';
import { testEngines } from '../warehouse/testing.ts';
import type { ColumnDefinition, TableDefinition, Warehouse } from '../warehouse/types.ts';
import { FINANCEMENTS, FINANCEMENTS_TABLE } from './table.ts';

/**
 * The overlap rules on a handful of hand-made lines, each built to hit one rule, on every
 * engine: which lines are flagged, which amount counts, the SIREN each source names its
 * beneficiary by, and the tags copied from Chorus.
 */

const text = (name: string): ColumnDefinition => ({ name, type: 'text' });
const GEO = ['region', 'departement', 'epci', 'commune'].flatMap((l) => [l, `${l}_label`, `${l}_search`]);

const DOTATIONS: TableDefinition = {
  name: 'dotations_investissement',
  columns: [
    ...['echelon', 'beneficiaire', 'beneficiaire_label', 'beneficiaire_search', 'description', ...GEO].map(
      text,
    ),
    { name: 'annee', type: 'integer' },
    { name: 'montant_subvention', type: 'amount' },
  ],
};
const POLITIQUE_VILLE: TableDefinition = {
  name: 'politique_ville_postes',
  columns: [
    ...[
      'beneficiaire',
      'beneficiaire_label',
      'beneficiaire_search',
      'siret',
      'type_beneficiaire',
      'type_beneficiaire_label',
      'dispositif_label',
      ...GEO.slice(0, 6),
    ].map(text),
    { name: 'annee', type: 'integer' },
    { name: 'montant', type: 'amount' },
  ],
};
const COMMUNES: TableDefinition = { name: 'ref_communes', columns: [text('code'), text('siren')] };

const ADEME = '38529030900454';
const rowOf = (table: TableDefinition, values: Record<string, unknown>) =>
  table.columns.map((c) => values[c.name] ?? null);
const chorus = (values: Record<string, unknown>) =>
  rowOf({ name: 'chorus_lignes', columns: CHORUS_LIGNES_COLUMNS }, { origine: 'demo', ...values });

describe.each(testEngines.map((e) => [e.name, e] as const))('overlap rules on %s', (_name, engine) => {
  let w: Warehouse & { dispose(): Promise<void> };
  beforeAll(async () => {
    w = await engine.open();
    await w.replaceTable({ name: 'chorus_lignes', columns: CHORUS_LIGNES_COLUMNS }, [
      // Paid to ADEME the year its grants are detailed: the grants count instead.
      chorus({
        ej: 'A',
        annee: 2023,
        region: '52',
        programme: '0181',
        beneficiaire: ADEME,
        montant_cp: 1000,
      }),
      // Paid to ADEME a year with no detailed grant: counts.
      chorus({ ej: 'D', annee: 2022, region: '52', programme: '0181', beneficiaire: ADEME, montant_cp: 70 }),
      // Programme 0119 in Bretagne 2019: counts, and makes Bretagne's 2019 dotations overlap.
      chorus({
        ej: 'B',
        annee: 2019,
        region: '53',
        programme: '0119',
        beneficiaire: '21350238800019',
        beneficiaire_search: '21350238800019\u001fville de rennes',
        montant_cp: 500,
      }),
      // Fonds vert: tags copied as they are.
      chorus({
        ej: 'C',
        annee: 2023,
        region: '53',
        programme: '0380',
        beneficiaire: 'NOM SEUL',
        montant_cp: 200,
      }),
      // Programme 0421 in 2023 (anywhere): France 2030 winners of 2023 overlap.
      chorus({
        ej: 'E',
        annee: 2023,
        region: '11',
        programme: '0421',
        beneficiaire: '13000000000011',
        montant_cp: 9,
      }),
    ]);
    await w.replaceTable(DOTATIONS, [
      rowOf(DOTATIONS, {
        echelon: 'commune',
        beneficiaire: '35238',
        beneficiaire_search: '35238\u001frennes',
        annee: 2019,
        region: '53',
        montant_subvention: 40,
      }),
      rowOf(DOTATIONS, {
        echelon: 'commune',
        beneficiaire: '29019',
        annee: 2020,
        region: '53',
        montant_subvention: 30,
      }),
      rowOf(DOTATIONS, {
        echelon: 'epci',
        beneficiaire: '200039022',
        annee: 2019,
        region: '52',
        montant_subvention: 20,
      }),
    ]);
    await w.replaceTable(POLITIQUE_VILLE, [
      rowOf(POLITIQUE_VILLE, {
        beneficiaire: '77554402601284',
        siret: '77554402601284',
        annee: 2021,
        region: '53',
        montant: 8,
      }),
      rowOf(POLITIQUE_VILLE, { beneficiaire: 'CLUB DU QUARTIER', annee: 2021, region: '53', montant: 4 }),
    ]);
    await w.replaceTable(SUBVENTIONS_TABLE, [
      rowOf(SUBVENTIONS_TABLE, {
        attribuant: ADEME,
        beneficiaire: '12345678900011',
        annee: 2023,
        region: '53',
        montant: 300,
      }),
    ]);
    await w.replaceTable(FRANCE_2030_TABLE, [
      rowOf(FRANCE_2030_TABLE, {
        beneficiaire: '44306184100047',
        annee: 2023,
        region: '53',
        montant_aide: 600,
      }),
      rowOf(FRANCE_2030_TABLE, {
        beneficiaire: 'START-UP SANS SIRET',
        annee: 2022,
        region: '53',
        montant_aide: 50,
      }),
    ]);
    // Tags are lists computed in the engine (tags/): line C is a fonds vert line.
    await w.query(
      `ALTER TABLE chorus_lignes ADD COLUMN tags ${w.dialect === 'postgres' ? 'text[]' : 'VARCHAR[]'}`,
    );
    await w.query(
      `ALTER TABLE chorus_lignes ADD COLUMN tags_label ${w.dialect === 'postgres' ? 'text[]' : 'VARCHAR[]'}`,
    );
    await w.query(
      `UPDATE chorus_lignes SET tags = ${w.dialect === 'postgres' ? "ARRAY['fonds_vert']" : "['fonds_vert']"},
       tags_label = ${w.dialect === 'postgres' ? "ARRAY['Fonds vert']" : "['Fonds vert']"} WHERE ej = 'C'`,
    );
    await w.replaceTable(COMMUNES, [
      ['35238', '213502388'],
      ['29019', '212900195'],
    ]);
    await w.rebuildTables([FINANCEMENTS]);
  }, 60_000);
  afterAll(() => w?.dispose());

  it('flags each overlap, counts every euro once, names beneficiaries by their SIREN', async () => {
    const { rows } = await w.query(
      `SELECT source, beneficiaire, siren, recoupement, montant, montant_compte, tags
       FROM ${FINANCEMENTS_TABLE} ORDER BY source, annee, beneficiaire`,
    );
    expect(rows).toEqual([
      ['chorus', '21350238800019', '213502388', 'chorus_detaille', 500, 500, null],
      ['chorus', ADEME, '385290309', 'aucun', 70, 70, null],
      ['chorus', '13000000000011', '130000000', 'chorus_detaille', 9, 9, null],
      ['chorus', ADEME, '385290309', 'versement_operateur', 1000, 0, null],
      ['chorus', 'NOM SEUL', null, 'aucun', 200, 200, ['fonds_vert']],
      ['dotations', '200039022', '200039022', 'aucun', 20, 20, null],
      ['dotations', '35238', '213502388', 'chorus_0119_0122', 40, 0, null],
      ['dotations', '29019', '212900195', 'aucun', 30, 30, null],
      ['france_2030', 'START-UP SANS SIRET', null, 'aucun', 50, 50, null],
      ['france_2030', '44306184100047', '443061841', 'chorus_0421_0425', 600, 0, null],
      ['politique_ville', '77554402601284', '775544026', 'aucun', 8, 8, null],
      ['politique_ville', 'CLUB DU QUARTIER', null, 'aucun', 4, 4, null],
      ['subventions_operateurs', '12345678900011', '123456789', 'aucun', 300, 300, null],
    ]);
  });
});
