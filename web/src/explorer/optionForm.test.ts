import {
  WIDGET_DEFINITIONS,
  WIDGET_TYPE_INFO,
  type WidgetDefinition,
  type WidgetTypeDefinition,
} from '@dataetat/widgets/react';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { optionFields, optionFieldsFor } from './optionForm.ts';
import { TypeSection } from './TypeSection.tsx';
import { dotations } from './testData.ts';

type OptionsSchema = WidgetTypeDefinition['options'];

// A schema as the widgets' `spec.ts` files write them (TypeBox output is plain JSON Schema).
const schema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    measure: { type: 'string', minLength: 1, title: 'Mesure', 'x-ref': 'measure' },
    size: {
      anyOf: [
        { type: 'number', const: 10, title: 'Dix' },
        { type: 'number', const: 20, title: 'Vingt' },
      ],
      default: 20,
      title: 'Taille',
      description: 'Lignes par page.',
    },
    shape: {
      anyOf: [
        { type: 'string', const: 'round', title: 'Rond' },
        { type: 'string', const: 'square', title: 'Carré' },
      ],
      default: 'round',
      title: 'Forme',
    },
    count: { type: 'integer', minimum: 2, maximum: 9, default: 4, title: 'Nombre' },
    target: { type: 'number', title: 'Objectif', description: 'Marqué sur le cadran.' },
    start: { type: 'number', default: 0, title: 'Début' },
    open: { type: 'boolean', default: true, title: 'Ouvert' },
    columns: { type: 'array', items: { type: 'string', 'x-ref': 'dimension' }, title: 'Colonnes' },
    // Not in the form: no title, a free column name, an unbounded integer, a list of measures.
    hidden: { type: 'boolean', default: false },
    latitude: { type: 'string', title: 'Latitude' },
    depth: { type: 'integer', minimum: 1, title: 'Profondeur' },
    measures: { type: 'array', items: { type: 'string', 'x-ref': 'measure' }, title: 'Mesures' },
  },
  required: ['size', 'shape', 'count', 'start', 'open', 'hidden'],
} as unknown as OptionsSchema;

describe('optionFields', () => {
  it('makes one control per titled option it can edit: labels, choices, ranges and defaults from the schema', () => {
    expect(optionFields(schema)).toEqual([
      { key: 'measure', label: 'Mesure', kind: 'measure' },
      {
        key: 'size',
        label: 'Taille',
        hint: 'Lignes par page.',
        kind: 'choice',
        choices: [
          { value: '10', label: 'Dix' },
          { value: '20', label: 'Vingt' },
        ],
        default: '20',
        numeric: true,
      },
      {
        key: 'shape',
        label: 'Forme',
        kind: 'choice',
        choices: [
          { value: 'round', label: 'Rond' },
          { value: 'square', label: 'Carré' },
        ],
        default: 'round',
        numeric: false,
      },
      { key: 'count', label: 'Nombre', kind: 'integer', min: 2, max: 9, default: 4 },
      { key: 'target', label: 'Objectif', hint: 'Marqué sur le cadran.', kind: 'number' },
      { key: 'start', label: 'Début', kind: 'number', default: 0 },
      { key: 'open', label: 'Ouvert', kind: 'boolean', default: true },
      { key: 'columns', label: 'Colonnes', kind: 'dimension-list' },
    ]);
  });

  it('gives every widget type its form from its definition', () => {
    const keys = (type: WidgetDefinition['type']) => optionFieldsFor(type).map((f) => `${f.key}:${f.kind}`);
    expect(keys('pie')).toEqual([
      'measure:measure',
      'donut:boolean',
      'maxSlices:integer',
      'showLabels:boolean',
      'decal:boolean',
      'animation:boolean',
    ]);
    expect(keys('table')).toEqual(['pageSize:choice', 'codes:choice', 'totals:boolean']);
    expect(keys('pivot')).toEqual(['columns:dimension-list', 'heat:boolean']);
    expect(optionFieldsFor('pie').find((f) => f.key === 'maxSlices')).toMatchObject({
      label: 'Nombre maximal de parts',
      min: 2,
      max: 20,
      default: 8,
    });
    // Every type's schema gives a form without error.
    for (const definition of WIDGET_DEFINITIONS)
      expect(Array.isArray(optionFields(definition.options))).toBe(true);
  });
});

describe('TypeSection', () => {
  const render = (widget: WidgetDefinition) =>
    renderToStaticMarkup(
      createElement(TypeSection, {
        idPrefix: 'x',
        widget,
        dataset: dotations,
        choices: [WIDGET_TYPE_INFO.table],
        suggested: widget.type,
        dispatch: () => undefined,
      }),
    );
  const table = (options: Record<string, unknown>): WidgetDefinition => ({
    id: 't',
    type: 'table',
    title: '',
    query: { dataset: 'dotations_investissement', measures: ['montant_subvention'], dimensions: ['region'] },
    options,
  });

  it('draws the generated controls with the stored value, else the schema default', () => {
    const html = render(table({}));
    expect(html).toContain('Lignes par page');
    expect(html).toMatch(/<select[^>]*id="x-option-pageSize"/);
    expect(html).toMatch(/<option value="50" selected="">50<\/option>/);
    expect(html).toContain('Ligne de total');
    expect(html).toMatch(/<input[^>]*type="checkbox"[^>]*checked=""/);
    const stored = render(table({ pageSize: 100, totals: false }));
    expect(stored).toMatch(/<option value="100" selected="">100<\/option>/);
    expect(stored).not.toMatch(/<input[^>]*type="checkbox"[^>]*checked=""/);
  });
});
