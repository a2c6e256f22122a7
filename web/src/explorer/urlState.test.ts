import type { WidgetDefinition } from '@dataetat/widgets/react';
import { describe, expect, it } from 'vitest';
import { decodeWidget, encodeWidget, searchWith } from './urlState.ts';

const widget: WidgetDefinition = {
  id: 'explorateur',
  type: 'bar',
  title: 'Montant accordé par département — Côtes-d’Armor, « été » 🌞',
  query: {
    dataset: 'dotations_investissement',
    measures: ['montant_subvention'],
    dimensions: ['departement'],
    filters: [{ field: 'categorie', op: 'contains', values: ['école élémentaire'] }],
    limit: 50,
  },
  options: { horizontal: true },
};

describe('widget in the URL', () => {
  it('round-trips a definition with accents, quotes and emoji', () => {
    const encoded = encodeWidget(widget);
    expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeWidget(encoded, 'autre')).toEqual(widget);
  });

  it('survives URLSearchParams (what the browser does with the link)', () => {
    const search = searchWith('?onglet=2', widget);
    const params = new URLSearchParams(search);
    expect(params.get('onglet')).toBe('2');
    expect(decodeWidget(params.get('w'), 'x')).toEqual(widget);
  });

  it('drops the parameter for an empty widget', () => {
    expect(searchWith('?w=abc&onglet=2', { ...widget, query: null })).toBe('?onglet=2');
  });

  it('returns null for a truncated or forged link instead of throwing', () => {
    const encoded = encodeWidget(widget);
    expect(decodeWidget(encoded.slice(0, encoded.length - 7), 'x')).toBeNull();
    expect(decodeWidget('%%%', 'x')).toBeNull();
    expect(decodeWidget(encodeWidget({ ...widget, type: 'inconnu' as 'bar' }), 'x')).toBeNull();
    expect(decodeWidget(null, 'x')).toBeNull();
  });
});
