import { WIDGET_TYPES } from '@dataetat/widgets/react';
import { describe, expect, it } from 'vitest';
import { parseDefinition } from './definition.ts';

describe('definition written in the JSON editor', () => {
  it('accepts a full definition and fills a missing id', () => {
    const parsed = parseDefinition(
      '{"type":"bar","title":"T","query":{"dataset":"d","measures":["m"]},"options":{}}',
      'explorateur',
    );
    expect(parsed).toEqual({
      ok: true,
      widget: {
        id: 'explorateur',
        type: 'bar',
        title: 'T',
        query: { dataset: 'd', measures: ['m'] },
        options: {},
      },
    });
  });

  it('says where the JSON is broken, in French', () => {
    const parsed = parseDefinition('{\n  "type": "bar",\n  "title": "T",\n}', 'x');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(/^JSON invalide \(ligne 4, colonne 1\) : vérifiez/);
  });

  it('names the wrong key or type', () => {
    const wrongType = parseDefinition('{"type":"camembert","query":null}', 'x');
    expect(wrongType.ok || wrongType.message).toContain(
      `« type » doit être l’un de : ${WIDGET_TYPES.join(', ')}.`,
    );
    const extra = parseDefinition('{"type":"bar","query":null,"couleur":"rouge"}', 'x');
    expect(extra.ok || extra.message).toMatch(/Clé inconnue « couleur »/);
    const filter = parseDefinition(
      '{"type":"bar","query":{"dataset":"d","measures":[],"filters":[{"field":"a"}]}}',
      'x',
    );
    expect(filter.ok || filter.message).toMatch(/filtre n° 1/);
  });
});
