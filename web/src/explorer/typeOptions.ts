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

// Small builders: the table below then reads one option per line, like the specs it follows.
const boolean = (key: string, label: string, value: boolean): OptionField => ({
  key,
  label,
  kind: 'boolean',
  default: value,
});

/** `choices` as [stored value, French label] pairs; `value` is the default. */
const choice = (
  key: string,
  label: string,
  value: string,
  choices: readonly (readonly [string, string])[],
  numeric?: true,
): OptionField => ({
  key,
  label,
  kind: 'choice',
  choices: choices.map(([v, l]) => ({ value: v, label: l })),
  default: value,
  ...(numeric ? { numeric } : {}),
});

const integer = (key: string, label: string, min: number, max: number, value: number): OptionField => ({
  key,
  label,
  kind: 'integer',
  min,
  max,
  default: value,
});

const DECAL = boolean('decal', 'Motifs sur les couleurs (daltonisme)', false);
const SMOOTH = boolean('smooth', 'Courbes lissées', false);
const POINTS = choice('showPoints', 'Points sur les valeurs', 'auto', [
  ['auto', 'Automatique (jusqu’à 24 points)'],
  ['always', 'Toujours'],
  ['never', 'Jamais'],
]);
const MEASURE: OptionField = { key: 'measure', label: 'Mesure représentée', kind: 'measure' };

export const TYPE_OPTIONS: Partial<Record<WidgetType, readonly OptionField[]>> = {
  bar: [
    choice('orientation', 'Orientation', 'auto', [
      ['auto', 'Automatique'],
      ['vertical', 'Barres verticales'],
      ['horizontal', 'Barres horizontales'],
    ]),
    choice('mode', 'Plusieurs séries', 'grouped', [
      ['grouped', 'Côte à côte'],
      ['stacked', 'Empilées (montre le total)'],
    ]),
    boolean('showValues', 'Afficher les valeurs sur les barres', false),
    DECAL,
  ],
  line: [SMOOTH, POINTS, DECAL],
  area: [boolean('stacked', 'Aires empilées', true), SMOOTH, POINTS, DECAL],
  pie: [
    MEASURE,
    boolean('donut', 'Anneau (total au centre)', false),
    integer('maxSlices', 'Nombre maximal de parts', 2, 20, 8),
    boolean('showLabels', 'Étiquettes autour du graphique', true),
    DECAL,
  ],
  treemap: [MEASURE, integer('maxItems', 'Nombre maximal de rectangles par groupe', 5, 200, 40), DECAL],
  kpi: [
    MEASURE,
    boolean('compact', 'Valeur abrégée (1,2 M€) avec le montant exact dessous', true),
    boolean('comparison', 'Évolution par rapport à l’année précédente', true),
    boolean('sparkline', 'Petite courbe des valeurs annuelles', true),
  ],
  map: [
    choice('mode', 'Représentation', 'choropleth', [
      ['choropleth', 'Aplats de couleur par territoire'],
      ['symbols', 'Cercles proportionnels'],
    ]),
    MEASURE,
    choice('classification', 'Méthode de classification', 'quantiles', [
      ['quantiles', 'Effectifs égaux (quantiles)'],
      ['jenks', 'Seuils naturels (Jenks)'],
    ]),
    integer('classes', 'Nombre de classes de couleur', 3, 7, 5),
  ],
  table: [
    choice(
      'pageSize',
      'Lignes par page',
      '50',
      ['25', '50', '100', '200'].map((n) => [n, n] as const),
      true,
    ),
    choice('codes', 'Codes et libellés', 'label-code', [
      ['label-code', 'Libellé, code en dessous'],
      ['code-label', '« 35 — Ille-et-Vilaine »'],
      ['code', 'Code seul'],
    ]),
    boolean('totals', 'Ligne de total', true),
  ],
  pivot: [
    boolean('heat', 'Colorer les cellules selon la valeur', false),
    { key: 'columns', label: 'Dimension en colonnes', kind: 'dimension-list' },
  ],
  sankey: [MEASURE, integer('maxNodesPerLevel', 'Nombre maximal de nœuds par colonne', 3, 30, 10)],
};

export function optionFieldsFor(type: WidgetType): readonly OptionField[] {
  return TYPE_OPTIONS[type] ?? [];
}
