import { describe, expect, it } from 'vitest';
import { byRegionDotation } from '../echarts/fixtures.ts';
import { filtersLine, footerLines } from './compose.ts';
import { pictureFrame } from './export.ts';
import { NO_FILTER_LABELS } from './filterWords.ts';

const madeAt = new Date('2026-03-05T13:07:00Z');

describe('what every picture says', () => {
  it('says the filters, or that there are none', () => {
    expect(filtersLine(['Bretagne', '2021–2023'])).toBe('Filtres : Bretagne, 2021–2023');
    expect(filtersLine([])).toBe('Filtres : aucun');
  });

  it('frames a widget with its filters in words and its provenance', () => {
    const result = {
      ...byRegionDotation,
      meta: { ...byRegionDotation.meta, datasetTitle: 'Dotations 2019', demo: true },
    };
    const frame = pictureFrame({
      exportable: { picture: () => Promise.reject(new Error('unused')) },
      title: 'Dotations par région',
      query: {
        dataset: 'dotations_investissement',
        measures: ['montant_subvention'],
        dimensions: ['region', 'dotation'],
        filters: [{ field: 'region', op: 'in', values: ['53', '94'] }],
      },
      result,
      filterLabels: NO_FILTER_LABELS,
      truncated: false,
      madeAt,
    });
    // The région's names come from the result's own labels.
    expect(frame.filters).toEqual(['Bretagne, Corse']);
    expect(frame.provenance).toEqual({
      dataset: 'Dotations 2019',
      source: 'DGCL',
      dataDate: '01/03/2024',
      demo: true,
    });
    expect(footerLines(frame)).toEqual([
      'Source : DGCL — jeu de données « Dotations 2019 »',
      'Données au 01/03/2024 · Image produite le 05/03/2026 à 14 h 07 avec Data-État',
    ]);
  });

  it('says only when it was made for a widget without data', () => {
    const frame = pictureFrame({
      exportable: { picture: () => Promise.reject(new Error('unused')) },
      title: 'Note',
      query: null,
      result: null,
      filterLabels: NO_FILTER_LABELS,
      truncated: false,
      madeAt,
    });
    expect(frame.filters).toBeNull();
    expect(footerLines(frame)).toEqual(['Image produite le 05/03/2026 à 14 h 07 avec Data-État']);
  });
});
