/**
 * Query results used by the renderers' tests, shaped exactly as POST /api/query returns them
 * (dimension, `<dim>_label`, measures). Figures are small and hand-checkable.
 */
import type { QueryResult, ResultColumn } from '../spec/types.ts';
import { resolveWidgetOptions } from '../widget/registry.ts';
import type { WidgetDefinition, WidgetType } from '../widget/types.ts';

const meta: QueryResult['meta'] = {
  rowCount: 0,
  truncated: false,
  cached: false,
  engineMs: 1,
  dataVersion: 'v1',
  source: 'DGCL',
  updatedAt: '2024-03-01T00:00:00Z',
  demo: false,
  engine: 'duckdb',
};

export function result(columns: ResultColumn[], rows: QueryResult['rows'], demo = false): QueryResult {
  return { columns, rows, totals: {}, meta: { ...meta, rowCount: rows.length, demo } };
}

/** A widget as its renderer receives it: options resolved against the type's schema. */
export function widget(
  type: WidgetType,
  options: Record<string, unknown> = {},
  title = 'Montant',
): WidgetDefinition {
  return {
    id: `w-${type}`,
    type,
    title,
    query: { dataset: 'dotations_investissement', measures: ['x'] },
    options: resolveWidgetOptions({ type, options }),
  };
}

const eur = (id: string, label: string): ResultColumn => ({
  id,
  label,
  type: 'number',
  format: 'eur',
  role: 'measure',
});
const integer = (id: string, label: string): ResultColumn => ({
  id,
  label,
  type: 'number',
  format: 'integer',
  role: 'measure',
});
const dim = (id: string, label: string, type: ResultColumn['type'] = 'code'): ResultColumn => ({
  id,
  label,
  type,
  role: 'dimension',
});
const labelCol = (of: string, label: string): ResultColumn => ({
  id: `${of}_label`,
  label: `${label} (libellé)`,
  type: 'text',
  labelOf: of,
  role: 'label',
});

/** Montant accordé par dotation (no label column). */
export const byDotation = result(
  [
    dim('dotation', 'Dotation'),
    eur('montant_subvention', 'Montant accordé'),
    integer('nb_projets', 'Projets'),
  ],
  [
    ['DETR', 977561920, 3000],
    ['DSIL', 570000000.5, 1200],
    ['DSID', null, 40],
  ],
);

/** Région (labelled) × dotation. */
export const byRegionDotation = result(
  [
    { ...dim('region', 'Région', 'geo'), level: 'region' },
    labelCol('region', 'Région'),
    dim('dotation', 'Dotation'),
    eur('montant_subvention', 'Montant accordé'),
  ],
  [
    ['53', 'Bretagne', 'DETR', 100],
    ['53', 'Bretagne', 'DSIL', 50],
    ['84', 'Auvergne-Rhône-Alpes', 'DETR', 300],
    ['94', 'Corse', 'DSIL', 20],
  ],
);

/** Yearly amounts, deliberately out of order (the query sorted by amount). */
export const byYear = result(
  [
    dim('annee', 'Année', 'year'),
    eur('montant_cp', 'Montant payé (CP)'),
    eur('montant_ae', 'Montant engagé (AE)'),
  ],
  [
    [2024, 1_230_000, 1_500_000],
    [2022, 900_000, 1_000_000],
    [2023, 1_000_000, 1_100_000],
  ],
);

/** Postes per year and dispositif (labelled). */
export const byYearDispositif = result(
  [
    dim('annee', 'Année', 'year'),
    dim('dispositif', 'Dispositif'),
    labelCol('dispositif', 'Dispositif'),
    integer('nb_postes', 'Postes'),
  ],
  [
    [2022, 'AR', 'Adultes-relais', 10],
    [2022, 'FJ', 'FONJEP', 5],
    [2023, 'AR', 'Adultes-relais', 12],
    [2023, 'FJ', 'FONJEP', 6],
  ],
);

/** Ten beneficiary types, for folding into « Autres ». */
export const byType = result(
  [
    dim('type_beneficiaire', 'Type de bénéficiaire'),
    labelCol('type_beneficiaire', 'Type'),
    eur('montant', 'Montant'),
  ],
  Array.from({ length: 10 }, (_, i) => [`T${i}`, `Type ${i}`, (10 - i) * 100]),
);

/** Programme → type de bénéficiaire → région. */
export const flows = result(
  [
    dim('programme', 'Programme'),
    dim('type_beneficiaire', 'Type de bénéficiaire'),
    labelCol('type_beneficiaire', 'Type'),
    { ...dim('region', 'Région', 'geo'), level: 'region' },
    labelCol('region', 'Région'),
    eur('montant_cp', 'Montant payé (CP)'),
  ],
  [
    ['0380', 'commune', 'Commune', '53', 'Bretagne', 100],
    ['0380', 'commune', 'Commune', '84', 'Auvergne-Rhône-Alpes', 50],
    ['0380', 'association', 'Association', '53', 'Bretagne', 30],
    ['0362', 'commune', 'Commune', '53', 'Bretagne', 20],
  ],
  true,
);
