import { describe, expect, it } from 'vitest';
import {
  adaptValues,
  defaultOperator,
  isFilterComplete,
  OPERATOR_LABELS,
  operatorsFor,
  valueEditorFor,
} from './operators.ts';

describe('operators offered per field type', () => {
  it('offers text search on codes and places, never on years', () => {
    expect(operatorsFor('code')).toContain('contains');
    expect(operatorsFor('geo')).toContain('starts_with');
    expect(operatorsFor('year')).not.toContain('contains');
    expect(operatorsFor('year')).not.toContain('starts_with');
  });

  it('offers ranges and « N dernières années » only where they make sense', () => {
    expect(operatorsFor('year')).toEqual(expect.arrayContaining(['between', 'last_n_years', 'gte', 'lte']));
    expect(operatorsFor('code')).not.toContain('between');
    expect(operatorsFor('tags')).not.toContain('between');
    expect(operatorsFor('date')).not.toContain('last_n_years');
    expect(operatorsFor('code')).not.toContain('last_n_years');
  });

  it('starts a code filter with « parmi » and a year filter with « entre »', () => {
    expect(defaultOperator('code')).toBe('in');
    expect(defaultOperator('geo')).toBe('in');
    expect(defaultOperator('year')).toBe('between');
  });

  it('labels every operator in French', () => {
    expect(OPERATOR_LABELS.neq).toBe('n’est pas');
    expect(OPERATOR_LABELS.not_in).toBe('hors de');
    expect(OPERATOR_LABELS.is_null).toBe('est vide');
    for (const type of ['code', 'geo', 'text', 'tags', 'year', 'date']) {
      for (const op of operatorsFor(type)) expect(OPERATOR_LABELS[op]).toMatch(/\S/);
    }
  });
});

describe('value editors', () => {
  it('picks values for codes, types years, and asks nothing for « est vide »', () => {
    expect(valueEditorFor('in', 'code')).toBe('pick-many');
    expect(valueEditorFor('eq', 'geo')).toBe('pick-one');
    expect(valueEditorFor('between', 'year')).toBe('year-range');
    expect(valueEditorFor('gte', 'year')).toBe('year');
    expect(valueEditorFor('last_n_years', 'year')).toBe('count');
    expect(valueEditorFor('contains', 'text')).toBe('text');
    expect(valueEditorFor('is_null', 'code')).toBe('none');
    expect(valueEditorFor('between', 'date')).toBe('date-range');
  });

  it('keeps the picked values when going from « parmi » to « est », dropping the extras', () => {
    expect(adaptValues(['DETR', 'DSIL'], 'pick-many', 'pick-one')).toEqual(['DETR']);
    expect(adaptValues(['DETR'], 'pick-one', 'pick-many')).toEqual(['DETR']);
    expect(adaptValues(['DETR'], 'pick-many', 'text')).toEqual([]);
    expect(adaptValues([2019, 2021], 'year-range', 'year')).toEqual([2019]);
  });

  it('says which filters are complete enough to send', () => {
    expect(isFilterComplete({ field: 'dotation', op: 'in', values: [] }, 'code')).toBe(false);
    expect(isFilterComplete({ field: 'dotation', op: 'in', values: ['DETR'] }, 'code')).toBe(true);
    expect(isFilterComplete({ field: 'annee', op: 'between', values: [2019] }, 'year')).toBe(false);
    expect(isFilterComplete({ field: 'annee', op: 'between', values: [2019, 2021] }, 'year')).toBe(true);
    expect(isFilterComplete({ field: 'dotation', op: 'is_null' }, 'code')).toBe(true);
    expect(isFilterComplete({ field: 'categorie', op: 'contains', values: [''] }, 'text')).toBe(false);
  });
});
