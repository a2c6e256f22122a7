import { WIDGET_DEFINITIONS } from '@dataetat/widgets/react';
import { describe, expect, it } from 'vitest';
import { dotations } from '../explorer/testData.ts';
import { autoExample } from './autoExample.ts';
import { GALLERY_WIDGETS, galleryWidgets } from './examples.ts';

describe('galleryWidgets', () => {
  it('shows every registered type, in the registry order, written examples first', () => {
    const widgets = galleryWidgets([dotations]);
    const types = [...new Set(widgets.map((w) => w.type))];
    expect(types).toEqual(WIDGET_DEFINITIONS.map((d) => d.type));
    for (const written of GALLERY_WIDGETS) expect(widgets).toContain(written);
    // Table and pivot have no written example: built from the catalogue.
    expect(widgets.find((w) => w.type === 'pivot')).toEqual({
      id: 'exemple-pivot',
      type: 'pivot',
      title: 'Montant accordé par région et année',
      query: {
        dataset: 'dotations_investissement',
        measures: ['montant_subvention'],
        dimensions: ['region', 'annee'],
      },
      options: {},
    });
  });

  it('leaves out a type without a written example until the catalogue is known', () => {
    expect(galleryWidgets([]).map((w) => w.type)).not.toContain('table');
  });
});

describe('autoExample', () => {
  it('takes the richest query the type can show, real data first', () => {
    const figure = {
      type: 'kpi' as const,
      fits: (s: { measures: number; dimensions: readonly unknown[] }) => s.dimensions.length === 0,
    };
    const demo = { ...dotations, id: 'demo', demo: true };
    expect(autoExample(figure, [demo, dotations])).toMatchObject({
      title: 'Montant accordé',
      query: { dataset: 'dotations_investissement', measures: ['montant_subvention'] },
    });
    const byCategory = {
      type: 'bar' as const,
      fits: (s: { dimensions: readonly { type: string }[] }) =>
        s.dimensions.length === 1 && s.dimensions[0]?.type === 'code',
    };
    expect(autoExample(byCategory, [dotations])?.query?.dimensions).toEqual(['dotation']);
    expect(autoExample({ type: 'map', fits: () => false }, [dotations])).toBeNull();
  });
});
