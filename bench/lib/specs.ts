import type { QuerySpec } from '@dataetat/widgets';

/** A widget query measured by the benchmark. */
export interface BenchSpec {
  readonly id: string;
  readonly title: string;
  readonly spec: QuerySpec;
}

const DATASET = 'chorus_lignes';

/** The typical dashboard query: CP by département × année, 2 filters. */
export const DASHBOARD_SPEC_ID = 'dashboard';

/** Fonds vert, plan de relance (écologie, compétitivité), FCTVA-like territorial programmes. */
const PROGRAMMES = ['0380', '0362', '0363', '0119', '0135'];

export const BENCH_SPECS: readonly BenchSpec[] = [
  {
    id: DASHBOARD_SPEC_ID,
    title: 'CP par département × année, programme ∈ […], 2021–2024',
    spec: {
      dataset: DATASET,
      measures: ['montant_cp'],
      dimensions: ['departement', 'annee'],
      filters: [
        { field: 'programme', op: 'in', values: PROGRAMMES },
        { field: 'annee', op: 'between', values: [2021, 2024] },
      ],
    },
  },
  {
    id: 'kpi',
    title: 'KPI : total AE, CP, taux de paiement',
    spec: { dataset: DATASET, measures: ['montant_ae', 'montant_cp', 'taux_paiement'] },
  },
  {
    id: 'top_programmes',
    title: 'Top 10 programmes par CP',
    spec: {
      dataset: DATASET,
      measures: ['montant_cp'],
      dimensions: ['programme'],
      sort: [{ field: 'montant_cp', dir: 'desc' }],
      limit: 10,
    },
  },
  {
    id: 'pivot',
    title: 'Pivot région × année, sous-totaux, taux de paiement',
    spec: {
      dataset: DATASET,
      measures: ['montant_ae', 'montant_cp', 'taux_paiement'],
      dimensions: ['region', 'annee'],
      totals: true,
      subtotals: ['region'],
    },
  },
  {
    id: 'beneficiaires_page',
    title: 'Table bénéficiaires, tri CP desc, 50 lignes à partir de 100',
    spec: {
      dataset: DATASET,
      measures: ['montant_ae', 'montant_cp', 'nb_lignes'],
      dimensions: ['beneficiaire'],
      sort: [{ field: 'montant_cp', dir: 'desc' }],
      limit: 50,
      offset: 100,
    },
  },
  {
    id: 'beneficiaire_contains',
    title: 'Bénéficiaires contenant « commune »',
    spec: {
      dataset: DATASET,
      measures: ['montant_cp'],
      dimensions: ['beneficiaire'],
      filters: [{ field: 'beneficiaire', op: 'contains', values: ['commune'] }],
      sort: [{ field: 'montant_cp', dir: 'desc' }],
      limit: 50,
    },
  },
  {
    id: 'beneficiaire_region_contains',
    title: 'Top 20 bénéficiaires de la région 53 contenant « commune »',
    spec: {
      dataset: DATASET,
      measures: ['montant_cp'],
      dimensions: ['beneficiaire'],
      filters: [
        { field: 'region', op: 'eq', values: ['53'] },
        { field: 'beneficiaire', op: 'contains', values: ['commune'] },
      ],
      sort: [{ field: 'montant_cp', dir: 'desc' }],
      limit: 20,
    },
  },
  {
    // The spec GET /api/datasets/chorus_lignes/values/beneficiaire?q=commune runs (field-values).
    id: 'valeurs_beneficiaire',
    title: 'Liste de valeurs : bénéficiaires contenant « commune », les plus fréquents',
    spec: {
      dataset: DATASET,
      measures: ['nb_lignes'],
      dimensions: ['beneficiaire'],
      filters: [{ field: 'beneficiaire', op: 'contains', values: ['commune'] }],
      sort: [{ field: 'nb_lignes', dir: 'desc' }],
      limit: 50,
    },
  },
];
