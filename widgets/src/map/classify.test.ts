import { describe, expect, it } from 'vitest';
import { classifyAreas, classLabel, NO_DATA_LABEL } from './classify.ts';
import { sequentialColours } from './colours.ts';

const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('classLabel', () => {
  it('writes French compact amounts with an en dash', () => {
    expect(plain(classLabel(1_200_000, 3_400_000, 'eur'))).toBe('1,2 M€ – 3,4 M€');
    expect(plain(classLabel(850, 12_500, 'eur'))).toBe('850 € – 12,5 k€');
    expect(plain(classLabel(0.125, 0.5, 'percent'))).toBe('13 % – 50 %');
    expect(plain(classLabel(3, 3, 'integer'))).toBe('3');
  });
});

describe('sequentialColours', () => {
  it('runs from the lightest to bleu France', () => {
    expect(sequentialColours(6)).toEqual(['#e3e3fd', '#cacafb', '#a1a1f8', '#6a6af4', '#313178', '#000091']);
    const five = sequentialColours(5);
    expect(five).toHaveLength(5);
    expect(five[0]).toBe('#e3e3fd');
    expect(five[4]).toBe('#000091');
    expect(new Set(five).size).toBe(5);
  });
});

describe('classifyAreas', () => {
  const areas = [
    { code: '35', label: 'Ille-et-Vilaine', value: 10 },
    { code: '22', label: 'Côtes-d’Armor', value: 20 },
    { code: '29', label: 'Finistère', value: 30 },
    { code: '56', label: 'Morbihan', value: 40 },
    { code: '44', label: 'Loire-Atlantique', value: null },
  ];

  it('colours each area by class and leaves no-data areas out', () => {
    const classes = classifyAreas(areas, { classes: 2, method: 'quantiles', format: 'eur' });
    expect(classes.bounds).toEqual([10, 25, 40]);
    expect(classes.codesByClass).toEqual([
      ['35', '22'],
      ['29', '56'],
    ]);
    expect(classes.codesByClass.flat()).not.toContain('44');
    expect(classes.colours).toEqual(sequentialColours(2));
  });

  it('builds a French legend ending with « Pas de données »', () => {
    const classes = classifyAreas(
      areas.map((a) => ({ ...a, value: a.value === null ? null : a.value * 100_000 })),
      { classes: 2, method: 'jenks', format: 'eur' },
    );
    expect(classes.legend.map((item) => plain(item.label))).toEqual([
      '1 M€ – 2 M€',
      '2 M€ – 4 M€',
      NO_DATA_LABEL,
    ]);
    expect(classes.legend.at(-1)?.kind).toBe('no-data');
    expect(classes.legend[0]?.colour).toBe(classes.colours[0]);
  });

  it('copes with a single value and with no value at all', () => {
    const one = classifyAreas([{ code: '35', label: 'x', value: 5 }], {
      classes: 5,
      method: 'quantiles',
      format: 'integer',
    });
    expect(one.codesByClass).toEqual([['35']]);
    expect(one.legend.map((l) => l.label)).toEqual(['5', NO_DATA_LABEL]);
    const none = classifyAreas([{ code: '35', label: 'x', value: null }], {
      classes: 5,
      method: 'jenks',
      format: 'eur',
    });
    expect(none.codesByClass).toEqual([]);
    expect(none.legend.map((l) => l.label)).toEqual([NO_DATA_LABEL]);
  });
});
