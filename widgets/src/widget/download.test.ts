import { describe, expect, it } from 'vitest';
import { filenameFromDisposition, slugify } from './download.ts';

describe('filenameFromDisposition', () => {
  it('prefers the UTF-8 name, then the quoted one, and drops path separators', () => {
    expect(
      filenameFromDisposition(
        `attachment; filename="donnees.csv"; filename*=UTF-8''donn%C3%A9es%20r%C3%A9gion.csv`,
      ),
    ).toBe('données région.csv');
    expect(filenameFromDisposition('attachment; filename="montant \\"AE\\".xlsx"')).toBe('montant "AE".xlsx');
    expect(filenameFromDisposition('attachment; filename=export.csv')).toBe('export.csv');
    expect(filenameFromDisposition('attachment; filename="../../etc/passwd"')).toBe('.._.._etc_passwd');
    expect(filenameFromDisposition('attachment')).toBeNull();
    expect(filenameFromDisposition(null)).toBeNull();
  });
});

describe('slugify', () => {
  it('makes a file name without accents or spaces', () => {
    expect(slugify('Montant payé par région (CP)')).toBe('montant-paye-par-region-cp');
    expect(slugify('« »')).toBe('donnees');
  });
});
