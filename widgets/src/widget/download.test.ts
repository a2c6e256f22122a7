import { describe, expect, it } from 'vitest';
import { parisDay, slugify } from './download.ts';

describe('parisDay', () => {
  it('dates in Paris, not in UTC', () => {
    expect(parisDay(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
    expect(parisDay(new Date('2026-07-01T21:59:00Z'))).toBe('2026-07-01');
  });
});

describe('slugify', () => {
  it('makes a file name without accents or spaces', () => {
    expect(slugify('Montant payé par région (CP)')).toBe('montant-paye-par-region-cp');
    expect(slugify('« »')).toBe('donnees');
  });
});
