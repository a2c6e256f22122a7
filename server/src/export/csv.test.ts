import { describe, expect, it } from 'vitest';
import { xmlSafe } from './cells.ts';
import { csvField, csvLine, csvNumber } from './csv.ts';

describe('CSV cells', () => {
  it('writes numbers with a decimal comma and no thousands separator', () => {
    expect(csvNumber(1234567.89)).toBe('1234567,89');
    expect(csvNumber(-0.5)).toBe('-0,5');
    expect(csvNumber(2024)).toBe('2024');
    expect(csvNumber(1e21)).toBe('1000000000000000000000');
    expect(csvNumber(Number.NaN)).toBe('');
  });

  it('writes rates as percentages a French spreadsheet reads as numbers', () => {
    expect(csvNumber(0.7251859324, 'percent')).toBe('72,51859324%');
    expect(csvNumber(0.07, 'percent')).toBe('7%');
    expect(csvNumber(1.5, 'percent')).toBe('150%');
    expect(csvLine(['35', 0.5, 0.5], ['text', 'percent', 'number'])).toBe('35;50%;0,5\r\n');
  });

  it('quotes per RFC 4180 and keeps hostile text inert', () => {
    expect(csvLine(['35', 'Ille-et-Vilaine', 12.5, null])).toBe('35;Ille-et-Vilaine;12,5;\r\n');
    expect(csvField('Saint-Malo; « port »')).toBe('"Saint-Malo; « port »"');
    expect(csvField('il dit "oui"')).toBe('"il dit ""oui"""');
    expect(csvField('ligne 1\nligne 2')).toBe('"ligne 1\nligne 2"');
    // Formula injection: a leading apostrophe, the text is shown, never run.
    expect(csvField('=HYPERLINK("http://x";"clic")')).toBe(`"'=HYPERLINK(""http://x"";""clic"")"`);
    expect(csvField('+33 1 23')).toBe("'+33 1 23");
    expect(csvField('-2+3')).toBe("'-2+3");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField(-3)).toBe('-3');
  });

  it('drops the characters XML cannot carry', () => {
    expect(xmlSafe('a\u0000b\u0007c\td\ne')).toBe('abc\td\ne');
  });
});
