/** Fixtures shared by the explorer's tests: the dotations dataset as the API describes it. */
import type { QueryShape, WidgetType } from '@dataetat/widgets/react';
import type { DatasetSummary } from '../api/types.ts';
import type { TypeRules } from './specState.ts';

export const dotations: DatasetSummary = {
  id: 'dotations_investissement',
  title: "Dotations de soutien à l'investissement local 2019 (DETR, DSIL, DSID)",
  description: 'Projets des collectivités financés en 2019.',
  source: { name: 'DGCL', licence: 'Licence Ouverte / Etalab 2.0' },
  demo: false,
  grain: 'Un projet subventionné',
  updatedAt: '2026-01-01T00:00:00.000Z',
  years: [2019],
  period: '2019',
  rowCount: 12_000,
  scoped: false,
  dimensions: [
    { id: 'dotation', label: 'Dotation', type: 'code', hasLabels: false },
    { id: 'categorie', label: 'Catégorie de projet', type: 'text', hasLabels: false },
    { id: 'region', label: 'Région', type: 'geo', level: 'region', hasLabels: true },
    { id: 'departement', label: 'Département', type: 'geo', level: 'departement', hasLabels: true },
    { id: 'annee', label: 'Année', type: 'year', hasLabels: false },
  ],
  measures: [
    { id: 'montant_subvention', label: 'Montant accordé', format: 'eur', additive: true },
    { id: 'cout_total', label: 'Coût total des projets', format: 'eur', additive: true },
    { id: 'nb_projets', label: 'Nombre de projets', format: 'integer', additive: true },
  ],
  defaultSort: [],
};

/**
 * Simple, explicit rules for the reducer's tests (the real ones are the widgets registry's):
 * a geo dimension → map, a year → line, one category → bar, two dimensions → table.
 */
export const testRules: TypeRules = {
  fits(type: WidgetType, shape: QueryShape) {
    const dims = shape.dimensions;
    switch (type) {
      case 'map':
        return dims.length === 1 && dims[0]?.type === 'geo' && shape.measures >= 1;
      case 'kpi':
        return dims.length === 0 && shape.measures >= 1;
      case 'bar':
      case 'line':
        return dims.length >= 1 && dims.length <= 2 && shape.measures >= 1;
      case 'table':
        return true;
      default:
        return false;
    }
  },
  suggest(shape: QueryShape): WidgetType {
    const [first, second] = shape.dimensions;
    if (!first) return shape.measures > 0 ? 'kpi' : 'table';
    if (second) return 'table';
    if (first.type === 'geo') return 'map';
    if (first.type === 'year') return 'line';
    return 'bar';
  },
};
