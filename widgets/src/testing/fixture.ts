/**
 * Test fixture: a small catalogue and a few hundred deterministic rows (accents, quotes, LIKE
 * wildcards, NULLs, zero denominators) loaded identically into DuckDB and PostgreSQL.
 */
import type { Catalogue, DatasetDefinition } from '../catalogue/types.ts';
import { searchText } from '../compiler/search-text.ts';

export const FIXTURE_TABLE = 'fx_dotations';

const dataset: DatasetDefinition = {
  id: 'dotations_investissement',
  title: 'Dotations d’investissement (test)',
  description: 'Jeu de test',
  source: { name: 'Test', licence: 'Licence Ouverte 2.0' },
  demo: true,
  grain: 'un projet',
  table: FIXTURE_TABLE,
  dimensions: [
    {
      id: 'region',
      label: 'Région',
      type: 'geo',
      level: 'region',
      column: 'code_region',
      labelColumn: 'lib_region',
    },
    {
      id: 'departement',
      label: 'Département',
      type: 'geo',
      level: 'departement',
      column: 'code_departement',
      labelColumn: 'lib_departement',
      parent: 'region',
    },
    { id: 'annee', label: 'Année', type: 'year', column: 'annee' },
    { id: 'beneficiaire', label: 'Bénéficiaire', type: 'text', column: 'beneficiaire' },
    { id: 'type_beneficiaire', label: 'Type de bénéficiaire', type: 'code', column: 'type_beneficiaire' },
    { id: 'date_decision', label: 'Date de décision', type: 'date', column: 'date_decision' },
  ],
  measures: [
    {
      id: 'montant_ae',
      label: 'Montant engagé (AE)',
      aggregate: { kind: 'sum', column: 'montant_ae' },
      format: 'eur',
    },
    {
      id: 'montant_cp',
      label: 'Montant payé (CP)',
      aggregate: { kind: 'sum', column: 'montant_cp' },
      format: 'eur',
    },
    { id: 'nb_lignes', label: 'Nombre de lignes', aggregate: { kind: 'count' }, format: 'integer' },
    {
      id: 'nb_beneficiaires',
      label: 'Nombre de bénéficiaires',
      aggregate: { kind: 'count_distinct', column: 'beneficiaire' },
      format: 'integer',
    },
    {
      id: 'taux_paiement',
      label: 'Taux de paiement',
      aggregate: { kind: 'ratio', numerator: 'montant_cp', denominator: 'montant_ae' },
      format: 'percent',
    },
    {
      id: 'montant_moyen',
      label: 'Montant moyen (AE)',
      aggregate: { kind: 'avg', column: 'montant_ae' },
      format: 'eur',
    },
    {
      id: 'cp_max',
      label: 'Paiement maximal',
      aggregate: { kind: 'max', column: 'montant_cp' },
      format: 'eur',
    },
  ],
  defaultSort: [{ field: 'annee', dir: 'asc' }],
  scopeField: 'region',
};

/** Same table, published as open data: no territorial scope. */
const openDataset: DatasetDefinition = {
  ...dataset,
  id: 'dotations_open',
  scopeField: null,
  defaultSort: [],
};

/** Columns folded at load time (`searchText`): `contains` on them is a plain LIKE. */
const SEARCH_COLUMNS: Readonly<Record<string, string>> = {
  region: 'region_search',
  departement: 'departement_search',
  beneficiaire: 'beneficiaire_search',
};

/** Same open data with search columns: the other `contains` path, on the very same rows. */
const searchDataset: DatasetDefinition = {
  ...openDataset,
  id: 'dotations_recherche',
  dimensions: openDataset.dimensions.map((d) =>
    SEARCH_COLUMNS[d.id] ? { ...d, searchColumn: SEARCH_COLUMNS[d.id] } : d,
  ),
};

/** Entity table of the fixture's beneficiaries: distinct values, search text, line count. */
export const FIXTURE_ENTITY_TABLE = 'fx_dotations_beneficiaires';

/**
 * Scoped dataset whose beneficiaries have an entity table: `contains` on them searches the
 * distinct values first, then keeps the lines by code (scope still applied to the lines).
 */
const entityDataset: DatasetDefinition = {
  ...dataset,
  id: 'dotations_entites',
  dimensions: dataset.dimensions.map((d) => {
    const searchColumn = SEARCH_COLUMNS[d.id];
    if (!searchColumn) return d;
    return d.id === 'beneficiaire'
      ? { ...d, searchColumn, entityTable: FIXTURE_ENTITY_TABLE }
      : { ...d, searchColumn };
  }),
};

export const fixtureCatalogue: Catalogue = new Map([
  [dataset.id, dataset],
  [openDataset.id, openDataset],
  [searchDataset.id, searchDataset],
  [entityDataset.id, entityDataset],
]);

const REGIONS: readonly [string, string, readonly (readonly [string, string])[]][] = [
  [
    '53',
    'Bretagne',
    [
      ['35', 'Ille-et-Vilaine'],
      ['29', 'Finistère'],
      ['22', 'Côtes-d’Armor'],
    ],
  ],
  [
    '52',
    'Pays de la Loire',
    [
      ['44', 'Loire-Atlantique'],
      ['49', 'Maine-et-Loire'],
    ],
  ],
  [
    '84',
    'Auvergne-Rhône-Alpes',
    [
      ['42', 'Loire'],
      ['69', 'Rhône'],
      ['2A', 'Corse-du-Sud (test)'],
    ],
  ],
  [
    '11',
    'Île-de-France',
    [
      ['75', 'Paris'],
      ['93', 'Seine-Saint-Denis'],
    ],
  ],
];

export const BENEFICIAIRES: readonly (string | null)[] = [
  'Commune de Saint-Étienne',
  'COMMUNE D’ÉVREUX',
  "Commune d'Ancenis",
  'Communauté de communes du Pays de Redon',
  'Association Œuvre Sociale',
  'Mairie de Besançon',
  '100% Solidaire',
  'Le_Cercle des écoles',
  'école élémentaire Jules Ferry',
  'Syndicat mixte "Eau"',
  'Ville de Noël-sur-Mer',
  'ÉCOLE ÎLE-DE-SEIN',
  'a\\b backslash SARL',
  'Ålesund – Øresund SARL',
  null,
];

const TYPES: readonly (string | null)[] = ['commune', 'epci', 'association', 'entreprise', null];

export interface FixtureRow {
  readonly code_region: string | null;
  readonly lib_region: string | null;
  readonly code_departement: string | null;
  readonly lib_departement: string | null;
  readonly annee: number;
  readonly beneficiaire: string | null;
  readonly type_beneficiaire: string | null;
  readonly date_decision: string | null;
  /** Decimal text with 2 digits (DECIMAL(18,2)). */
  readonly montant_ae: string;
  readonly montant_cp: string | null;
}

/** mulberry32: tiny deterministic PRNG so both engines get the very same rows. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const cents = (n: number): string => `${Math.floor(n / 100)}.${String(n % 100).padStart(2, '0')}`;

export function fixtureRows(count = 400): FixtureRow[] {
  const rnd = prng(20260101);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const rows: FixtureRow[] = [];
  for (let i = 0; i < count; i++) {
    const [codeRegion, libRegion, deps] = pick(REGIONS);
    const [codeDep, libDep] = pick(deps);
    const noGeo = i % 37 === 0;
    const annee = 2017 + Math.floor(rnd() * 9);
    const ae = i % 53 === 0 ? 0 : Math.floor(rnd() * 50_000_000);
    const cp = i % 11 === 0 ? null : Math.floor(ae * rnd());
    const month = 1 + Math.floor(rnd() * 12);
    const day = 1 + Math.floor(rnd() * 28);
    rows.push({
      code_region: noGeo ? null : codeRegion,
      lib_region: noGeo ? null : libRegion,
      code_departement: noGeo ? null : codeDep,
      lib_departement: noGeo ? null : libDep,
      annee,
      beneficiaire: pick(BENEFICIAIRES),
      type_beneficiaire: pick(TYPES),
      date_decision:
        i % 13 === 0 ? null : `${annee}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
      montant_ae: cents(ae),
      montant_cp: cp === null ? null : cents(cp),
    });
  }
  return rows;
}

const quote = (v: string | null): string => (v === null ? 'NULL' : `'${v.replace(/'/g, "''")}'`);

/** DDL + INSERT valid on both engines (test code: literals are ours, not user input). */
export function fixtureSql(rows: readonly FixtureRow[] = fixtureRows()): string[] {
  const ddl = `CREATE TABLE ${FIXTURE_TABLE} (
    code_region VARCHAR, lib_region VARCHAR, code_departement VARCHAR, lib_departement VARCHAR,
    annee INTEGER, beneficiaire VARCHAR, type_beneficiaire VARCHAR, date_decision DATE,
    montant_ae DECIMAL(18,2), montant_cp DECIMAL(18,2),
    region_search VARCHAR, departement_search VARCHAR, beneficiaire_search VARCHAR)`;
  const values = rows.map(
    (r) =>
      `(${quote(r.code_region)}, ${quote(r.lib_region)}, ${quote(r.code_departement)}, ${quote(r.lib_departement)}, ` +
      `${r.annee}, ${quote(r.beneficiaire)}, ${quote(r.type_beneficiaire)}, ` +
      `${r.date_decision === null ? 'NULL' : `CAST('${r.date_decision}' AS DATE)`}, ${r.montant_ae}, ${r.montant_cp ?? 'NULL'}, ` +
      `${quote(searchText(r.code_region, r.lib_region))}, ${quote(searchText(r.code_departement, r.lib_departement))}, ` +
      `${quote(searchText(r.beneficiaire))})`,
  );
  // Built from the lines as the server's loads build it (server/src/catalogue/entity-tables.ts).
  const entities = `CREATE TABLE ${FIXTURE_ENTITY_TABLE} AS SELECT beneficiaire, beneficiaire_search,
    COUNT(*) AS row_count FROM ${FIXTURE_TABLE} GROUP BY beneficiaire, beneficiaire_search`;
  return [ddl, `INSERT INTO ${FIXTURE_TABLE} VALUES ${values.join(',\n')}`, entities];
}
