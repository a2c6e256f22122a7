import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client.ts';
import { concerns, specProblem, targetOfPath } from './errorPath.ts';
import { readyQuery } from './ready.ts';
import { dotations } from './testData.ts';

describe('JSON path of a server error → builder control', () => {
  it('points at the filter row and its part', () => {
    expect(targetOfPath('/filters/0/values')).toEqual({ control: 'filter', index: 0, part: 'values' });
    expect(targetOfPath('/filters/2/values/1')).toEqual({ control: 'filter', index: 2, part: 'values' });
    expect(targetOfPath('/filters/1/op')).toEqual({ control: 'filter', index: 1, part: 'op' });
    expect(targetOfPath('/filters/1')).toEqual({ control: 'filter', index: 1, part: 'row' });
  });

  it('points at the other sections', () => {
    expect(targetOfPath('/measures/1')).toEqual({ control: 'measures' });
    expect(targetOfPath('/dimensions/0')).toEqual({ control: 'dimensions' });
    expect(targetOfPath('/sort/0/field')).toEqual({ control: 'sort' });
    expect(targetOfPath('/limit')).toEqual({ control: 'limit' });
    expect(targetOfPath('/dataset')).toEqual({ control: 'dataset' });
    expect(targetOfPath('')).toEqual({ control: 'general' });
  });

  it('maps the index of a sent filter back to the builder row when incomplete rows were left out', () => {
    const ready = readyQuery(
      {
        dataset: dotations.id,
        measures: ['montant_subvention'],
        filters: [
          { field: 'dotation', op: 'in', values: [] },
          { field: 'annee', op: 'between', values: [2019] },
          { field: 'annee', op: 'eq', values: ['deux mille'] },
        ],
      },
      dotations,
    );
    expect(ready.query?.filters).toEqual([{ field: 'annee', op: 'eq', values: ['deux mille'] }]);
    expect(ready.incomplete).toEqual([0, 1]);
    const error = new ApiError('Valeur invalide pour « annee »', 400, 'SPEC_BAD_VALUE', {
      path: '/filters/0/values/0',
    });
    const problem = specProblem(error, ready.filterRows);
    expect(problem?.target).toEqual({ control: 'filter', index: 2, part: 'values' });
    expect(problem?.jsonPath).toBe('/query/filters/2/values/0');
    expect(concerns(problem, 'filter', 2)).toBe(true);
    expect(concerns(problem, 'filter', 0)).toBe(false);
  });

  it('ignores errors that are not about the spec', () => {
    expect(specProblem(new ApiError('Injoignable', 0, 'NETWORK'), [])).toBeNull();
    expect(specProblem(new Error('x'), [])).toBeNull();
    const unknownField = new ApiError('Champ inconnu', 400, 'SPEC_UNKNOWN_FIELD', { path: '/measures/0' });
    expect(specProblem(unknownField, [])?.jsonPath).toBe('/query/measures/0');
  });

  it('sends nothing while there is neither measure nor dimension', () => {
    expect(readyQuery({ dataset: dotations.id, measures: [] }, dotations).query).toBeNull();
    expect(readyQuery(null, dotations).query).toBeNull();
  });
});
