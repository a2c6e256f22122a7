/**
 * The options form of each widget type: which keys of `widget.options` the explorer lets a user
 * set, with French labels. Keys, choices and defaults follow each type's `spec.ts` in the widgets
 * package (where every option is documented); a type without entries has nothing to set.
 */
import type { WidgetType } from '@dataetat/widgets/react';

export type OptionField =
  | { readonly key: string; readonly label: string; readonly kind: 'boolean'; readonly default: boolean }
  | {
      readonly key: string;
      readonly label: string;
      readonly kind: 'choice';
      readonly choices: readonly { readonly value: string; readonly label: string }[];
      readonly default: string;
      /** The stored value is a number (`pageSize`), the choices being its text. */
      readonly numeric?: boolean;
    }
  | {
      readonly key: string;
      readonly label: string;
      readonly kind: 'integer';
      readonly min: number;
      readonly max: number;
      readonly default: number;
    }
  /** One of the query's measures (`measure` of pie, treemap, sankey). */
  | { readonly key: string; readonly label: string; readonly kind: 'measure' }
  /** Dimensions of the query laid out as columns (`columns` of pivot): one chosen here. */
  | { readonly key: string; readonly label: string; readonly kind: 'dimension-list' };

const DECAL: OptionField = {
  key: 'decal',
  label: 'Motifs sur les couleurs (daltonisme)',
  kind: 'boolean',
  default: false,
};

const POINTS: OptionField = {
  key: 'showPoints',
  label: 'Points sur les valeurs',
  kind: 'choice',
  choices: [
    { value: 'auto', label: 'Automatique (jusqu’à 24 points)' },
    { value: 'always', label: 'Toujours' },
    { value: 'never', label: 'Jamais' },
  ],
  default: 'auto',
};

const MEASURE: OptionField = { key: 'measure', label: 'Mesure représentée', kind: 'measure' };

export const TYPE_OPTIONS: Partial<Record<WidgetType, readonly OptionField[]>> = {
  bar: [
    {
      key: 'orientation',
      label: 'Orientation',
      kind: 'choice',
      choices: [
        { value: 'auto', label: 'Automatique' },
        { value: 'vertical', label: 'Barres verticales' },
        { value: 'horizontal', label: 'Barres horizontales' },
      ],
      default: 'auto',
    },
    {
      key: 'mode',
      label: 'Plusieurs séries',
      kind: 'choice',
      choices: [
        { value: 'grouped', label: 'Côte à côte' },
        { value: 'stacked', label: 'Empilées (montre le total)' },
      ],
      default: 'grouped',
    },
    { key: 'showValues', label: 'Afficher les valeurs sur les barres', kind: 'boolean', default: false },
    DECAL,
  ],
  line: [{ key: 'smooth', label: 'Courbes lissées', kind: 'boolean', default: false }, POINTS, DECAL],
  area: [
    { key: 'stacked', label: 'Aires empilées', kind: 'boolean', default: true },
    { key: 'smooth', label: 'Courbes lissées', kind: 'boolean', default: false },
    POINTS,
    DECAL,
  ],
  pie: [
    MEASURE,
    { key: 'donut', label: 'Anneau (total au centre)', kind: 'boolean', default: false },
    { key: 'maxSlices', label: 'Nombre maximal de parts', kind: 'integer', min: 2, max: 20, default: 8 },
    { key: 'showLabels', label: 'Étiquettes autour du graphique', kind: 'boolean', default: true },
    DECAL,
  ],
  treemap: [
    MEASURE,
    {
      key: 'maxItems',
      label: 'Nombre maximal de rectangles par groupe',
      kind: 'integer',
      min: 5,
      max: 200,
      default: 40,
    },
    DECAL,
  ],
  kpi: [
    MEASURE,
    {
      key: 'compact',
      label: 'Valeur abrégée (1,2 M€) avec le montant exact dessous',
      kind: 'boolean',
      default: true,
    },
    {
      key: 'comparison',
      label: 'Évolution par rapport à l’année précédente',
      kind: 'boolean',
      default: true,
    },
    { key: 'sparkline', label: 'Petite courbe des valeurs annuelles', kind: 'boolean', default: true },
  ],
  map: [
    {
      key: 'mode',
      label: 'Représentation',
      kind: 'choice',
      choices: [
        { value: 'choropleth', label: 'Aplats de couleur par territoire' },
        { value: 'symbols', label: 'Cercles proportionnels' },
      ],
      default: 'choropleth',
    },
    MEASURE,
    {
      key: 'classification',
      label: 'Méthode de classification',
      kind: 'choice',
      choices: [
        { value: 'quantiles', label: 'Effectifs égaux (quantiles)' },
        { value: 'jenks', label: 'Seuils naturels (Jenks)' },
      ],
      default: 'quantiles',
    },
    { key: 'classes', label: 'Nombre de classes de couleur', kind: 'integer', min: 3, max: 7, default: 5 },
  ],
  table: [
    {
      key: 'pageSize',
      label: 'Lignes par page',
      kind: 'choice',
      choices: [
        { value: '25', label: '25' },
        { value: '50', label: '50' },
        { value: '100', label: '100' },
        { value: '200', label: '200' },
      ],
      default: '50',
      numeric: true,
    },
    {
      key: 'codes',
      label: 'Codes et libellés',
      kind: 'choice',
      choices: [
        { value: 'label-code', label: 'Libellé, code en dessous' },
        { value: 'code-label', label: '« 35 — Ille-et-Vilaine »' },
        { value: 'code', label: 'Code seul' },
      ],
      default: 'label-code',
    },
    { key: 'totals', label: 'Ligne de total', kind: 'boolean', default: true },
  ],
  pivot: [
    { key: 'heat', label: 'Colorer les cellules selon la valeur', kind: 'boolean', default: false },
    { key: 'columns', label: 'Dimension en colonnes', kind: 'dimension-list' },
  ],
  sankey: [
    MEASURE,
    {
      key: 'maxNodesPerLevel',
      label: 'Nombre maximal de nœuds par colonne',
      kind: 'integer',
      min: 3,
      max: 30,
      default: 10,
    },
  ],
};

export function optionFieldsFor(type: WidgetType): readonly OptionField[] {
  return TYPE_OPTIONS[type] ?? [];
}
