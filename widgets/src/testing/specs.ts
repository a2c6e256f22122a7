/** Representative specs: golden SQL per dialect, then executed on both engines. */
import type { QuerySpec, SecurityContext } from '../spec/types.ts';

export const GOLDEN_SPECS: Readonly<Record<string, QuerySpec>> = {
  measuresOnly: {
    dataset: 'dotations_investissement',
    measures: ['montant_ae', 'nb_lignes', 'taux_paiement'],
  },
  byRegion: {
    dataset: 'dotations_investissement',
    measures: ['montant_ae', 'montant_cp', 'taux_paiement'],
    dimensions: ['region'],
    sort: [{ field: 'montant_cp', dir: 'desc' }],
  },
  filtered: {
    dataset: 'dotations_investissement',
    measures: ['montant_cp', 'nb_beneficiaires', 'montant_moyen'],
    dimensions: ['departement', 'annee'],
    filters: [
      { field: 'departement', op: 'in', values: ['35', '29', '44'] },
      { field: 'annee', op: 'between', values: [2019, 2023] },
      { field: 'beneficiaire', op: 'contains', values: ['commune'] },
    ],
    limit: 20,
  },
  operators: {
    dataset: 'dotations_open',
    measures: ['nb_lignes', 'cp_max'],
    dimensions: ['type_beneficiaire'],
    filters: [
      { field: 'region', op: 'neq', values: ['11'] },
      { field: 'type_beneficiaire', op: 'not_in', values: ['entreprise'] },
      { field: 'annee', op: 'last_n_years', values: [4] },
      { field: 'departement', op: 'starts_with', values: ['4'] },
      { field: 'beneficiaire', op: 'not_null' },
      { field: 'date_decision', op: 'gte', values: ['2022-03-01'] },
      { field: 'region', op: 'not_null' },
    ],
  },
  containsLabel: {
    dataset: 'dotations_open',
    measures: ['montant_ae'],
    dimensions: ['departement'],
    filters: [{ field: 'departement', op: 'contains', values: ['FINIST'] }],
  },
  accents: {
    dataset: 'dotations_open',
    measures: ['nb_lignes'],
    dimensions: ['beneficiaire'],
    filters: [{ field: 'beneficiaire', op: 'contains', values: ['ECOLE'] }],
  },
  wildcards: {
    dataset: 'dotations_open',
    measures: ['nb_lignes'],
    dimensions: ['beneficiaire'],
    filters: [{ field: 'beneficiaire', op: 'contains', values: ['100%'] }],
  },
  searchColumn: {
    dataset: 'dotations_recherche',
    measures: ['nb_lignes'],
    dimensions: ['departement', 'beneficiaire'],
    filters: [
      { field: 'departement', op: 'contains', values: ['Côtes-d’Armor'] },
      { field: 'beneficiaire', op: 'contains', values: ['ÉCOLE_%'] },
    ],
  },
  entitySearch: {
    dataset: 'dotations_entites',
    measures: ['nb_lignes', 'montant_ae'],
    dimensions: ['beneficiaire'],
    filters: [
      { field: 'beneficiaire', op: 'contains', values: ['ÉCOLE'] },
      { field: 'annee', op: 'gte', values: [2019] },
    ],
    sort: [{ field: 'nb_lignes', dir: 'desc' }],
  },
  totals: {
    dataset: 'dotations_investissement',
    measures: ['montant_ae', 'montant_cp', 'taux_paiement', 'nb_lignes'],
    dimensions: ['region', 'annee'],
    totals: true,
    limit: 10,
  },
  subtotals: {
    dataset: 'dotations_investissement',
    measures: ['montant_ae', 'montant_cp', 'taux_paiement', 'nb_beneficiaires'],
    dimensions: ['region', 'departement', 'annee'],
    subtotals: ['region', 'departement'],
    totals: true,
    sort: [{ field: 'montant_ae', dir: 'desc' }],
    limit: 15,
    offset: 5,
  },
  topN: {
    dataset: 'dotations_investissement',
    measures: ['montant_ae', 'taux_paiement'],
    dimensions: ['departement'],
    topN: { n: 3 },
  },
  topNOthers: {
    dataset: 'dotations_investissement',
    measures: ['montant_ae', 'taux_paiement', 'nb_lignes'],
    dimensions: ['departement', 'annee'],
    topN: { n: 3, others: true },
    totals: true,
    subtotals: ['departement'],
    limit: 50,
  },
  dates: {
    dataset: 'dotations_open',
    measures: ['nb_lignes'],
    dimensions: ['date_decision'],
    filters: [{ field: 'date_decision', op: 'between', values: ['2020-01-01', '2020-06-30'] }],
    sort: [{ field: 'date_decision', dir: 'desc' }],
  },
  scoped: {
    dataset: 'dotations_investissement',
    measures: ['montant_ae'],
    dimensions: ['departement'],
    filters: [{ field: 'departement', op: 'eq', values: ['44'] }],
  },
  scopedOpen: {
    dataset: 'dotations_open',
    measures: ['nb_lignes'],
    dimensions: ['region'],
  },
  distinctValues: {
    dataset: 'dotations_open',
    measures: [],
    dimensions: ['type_beneficiaire'],
    sort: [{ field: 'type_beneficiaire', dir: 'desc' }],
  },
};

/** Security context per golden spec (default: national scope, nothing locked). */
export const GOLDEN_CONTEXTS: Readonly<Record<string, SecurityContext>> = {
  scopedOpen: { scope: '53' },
  entitySearch: { scope: '53', lockedFilters: [{ field: 'departement', op: 'neq', values: ['29'] }] },
  scoped: { scope: '53', lockedFilters: [{ field: 'departement', op: 'in', values: ['35', '29'] }] },
};

export const NOW = new Date('2025-06-01T12:00:00Z');

export interface GoldenCase {
  readonly name: string;
  readonly spec: QuerySpec;
  readonly ctx: SecurityContext;
}

export const GOLDEN_CASES: readonly GoldenCase[] = Object.entries(GOLDEN_SPECS).map(([name, spec]) => ({
  name,
  spec,
  ctx: GOLDEN_CONTEXTS[name] ?? { scope: 'NAT' },
}));
