import type { QueryResult } from '../spec/types.ts';

/** A page of « paiements par département et année » with a subtotal row, for the tests. */
export const departementsResult: QueryResult = {
  columns: [
    { id: 'departement', role: 'dimension', type: 'geo', level: 'departement', label: 'Département' },
    {
      id: 'departement_label',
      role: 'label',
      type: 'text',
      labelOf: 'departement',
      label: 'Département (libellé)',
    },
    { id: 'annee', role: 'dimension', type: 'year', label: 'Année' },
    { id: 'montant_cp', role: 'measure', type: 'number', format: 'eur', label: 'Montant payé (CP)' },
    { id: 'taux_paiement', role: 'measure', type: 'number', format: 'percent', label: 'Taux de paiement' },
    { id: '_grouping', role: 'grouping', type: 'number', label: 'Niveau de regroupement' },
  ],
  rows: [
    ['35', 'Ille-et-Vilaine', 2023, 1234567.89, 0.5, 0],
    ['29', 'Finistère', 2024, 1000, null, 0],
    ['35', 'Ille-et-Vilaine', null, 9_999_999, 0.75, 1],
  ],
  totals: { montant_cp: 2_000_000, taux_paiement: 0.6 },
  meta: {
    rowCount: 3,
    truncated: true,
    cached: false,
    engineMs: 1,
    dataVersion: 'v',
    source: 'Chorus',
    updatedAt: null,
    demo: true,
    engine: 'duckdb',
  },
};
