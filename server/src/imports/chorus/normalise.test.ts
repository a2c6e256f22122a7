import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseSiret, parseAmountCents, parseCount, parseDate, stripPrefix } from './normalise.ts';

/**
 * A second, independent amount reader for the property test: regular expressions and BigInt,
 * written from the rules in the doc comment of `parseAmountCents`, not from its code.
 */
function referenceAmountCents(raw: string): number | null {
  const text = raw.replace(/[\s\u00a0\u202f\u2009€]/g, '');
  const match = /^([-+\u2212]?)([\d.,]+)([-+\u2212]?)$/.exec(text);
  if (!match || (match[1] && match[3])) return null;
  const sign = match[1] || match[3];
  const body = match[2] as string;
  if (!/^\d/.test(body) || !/\d$/.test(body) || /[.,]{2}/.test(body)) return null;
  const commas = body.split(',').length - 1;
  const points = body.split('.').length - 1;
  let integer: string;
  let fraction = '';
  const grouped = (text: string, separator: string) =>
    new RegExp(`^\\d{1,3}(\\${separator}\\d{3})*$`).test(text);
  if (commas > 0 && points > 0) {
    const decimal = body.lastIndexOf(',') > body.lastIndexOf('.') ? ',' : '.';
    const thousands = decimal === ',' ? '.' : ',';
    if (body.split(decimal).length !== 2) return null;
    [integer, fraction] = body.split(decimal) as [string, string];
    if (!grouped(integer, thousands)) return null;
    integer = integer.split(thousands).join('');
  } else if (commas + points === 1) {
    [integer, fraction] = body.split(/[.,]/) as [string, string];
  } else if (commas + points > 1) {
    if (!grouped(body, commas > 0 ? ',' : '.')) return null;
    integer = body.replace(/[.,]/g, '');
  } else integer = body;
  if (fraction.length > 2 && !/^0+$/.test(fraction.slice(2))) return null;
  if (integer.replace(/^0+/, '').length > 13) return null;
  const cents = BigInt(integer) * 100n + BigInt(fraction.slice(0, 2).padEnd(2, '0') || '0');
  const value = Number(sign === '-' || sign === '\u2212' ? -cents : cents);
  return value === 0 ? 0 : value;
}

describe('parseAmountCents', () => {
  it('reads the amounts of the Chorus samples and their French variants as integer cents', () => {
    const cases: [string, number | null][] = [
      ['22500,12', 2_250_012],
      ['15000', 1_500_000],
      ['12615940,52', 1_261_594_052],
      ['12615940.52', 1_261_594_052],
      ['28,26', 2_826],
      ['807,28', 80_728],
      ['200,0', 20_000],
      ['0', 0],
      ['-0,00', 0],
      ['138 936 678,56', 13_893_667_856],
      ['138\u00a0936\u00a0678,56', 13_893_667_856],
      ['138\u202f936\u202f678,56 €', 13_893_667_856],
      ['€ 12,5', 1_250],
      ['−15000', -1_500_000],
      ['-1 234,56', -123_456],
      ['1234,56-', -123_456],
      ['+7', 700],
      ['1.234.567,89', 123_456_789],
      ['1,234,567.89', 123_456_789],
      ['1.234.567', 123_456_700],
      ['0,10', 10],
      ['0.1', 10],
      ['12,3400', 1_234],
      ['9999999999999,99', 999_999_999_999_999],
      // Not amounts:
      ['', null],
      ['#', null],
      ['abc', null],
      ['12,', null],
      [',5', null],
      ['1,,2', null],
      ['1.234', null], // a fraction of a cent, or thousands? Refused rather than guessed.
      ['1,234,56.7', null],
      ['1.23.456', null],
      ['12,345.6,7', null],
      ['--5', null],
      ['-5-', null],
      ['5-5', null],
      ['12 345,678', null],
      ['10000000000000', null], // 14 integer digits
      ['1e5', null],
      ['NaN', null],
    ];
    for (const [text, cents] of cases) expect(parseAmountCents(text), text).toBe(cents);
  });

  it('agrees with an independent reference on arbitrary strings of amount characters', () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom(...'0123456789012345678901234567890123456789,. -−+€\u00a0\u202fx'),
          maxLength: 22,
        }),
        (text) => {
          expect(parseAmountCents(text)).toBe(referenceAmountCents(text));
        },
      ),
      { numRuns: 20_000 },
    );
  });

  it('reads back any amount written the ways French exports and spreadsheets write it', () => {
    const thousandsOf = (digits: string, separator: string) =>
      separator === '' ? digits : digits.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
    fc.assert(
      fc.property(
        fc.integer({ min: -999_999_999_999_999, max: 999_999_999_999_999 }),
        fc.constantFrom(',', '.'),
        fc.constantFrom('', ' ', '\u00a0', '\u202f', 'grouping'),
        fc.constantFrom('-', '−', 'trailing'),
        fc.constantFrom('', ' €', '€'),
        fc.boolean(),
        (cents, decimal, thousands, minus, euro, padZeros) => {
          const magnitude = Math.abs(cents);
          const euros = String(Math.floor(magnitude / 100));
          const fraction = String(magnitude % 100).padStart(2, '0') + (padZeros ? '000' : '');
          const grouping = thousands === 'grouping' ? (decimal === ',' ? '.' : ',') : thousands;
          let text = `${thousandsOf(euros, grouping)}${decimal}${fraction}`;
          if (cents < 0) text = minus === 'trailing' ? `${text}-` : `${minus}${text}`;
          expect(parseAmountCents(`${text}${euro}`)).toBe(cents);
        },
      ),
      { numRuns: 5_000 },
    );
  });
});

describe('parseDate', () => {
  it('turns the Chorus date forms into ISO dates and refuses days that do not exist', () => {
    const cases: [string, string | null][] = [
      ['10.01.2023', '2023-01-10'],
      ['08/08/2024', '2024-08-08'],
      ['1/2/2024', '2024-02-01'],
      ['2024-08-08', '2024-08-08'],
      ['29.02.2024', '2024-02-29'],
      ['31/12/2022 00:00:00', '2022-12-31'],
      ['29.02.2023', null],
      ['31.04.2023', null],
      ['00.01.2023', null],
      ['10.13.2023', null],
      ['10.01.23', null],
      ['10.01/2023', null],
      ['2023-1-10', '2023-01-10'],
      ['#', null],
      ['', null],
      ['10.01.2023x', null],
      ['10.01.1850', null],
    ];
    for (const [text, iso] of cases) expect(parseDate(text), text).toBe(iso);
  });

  it('agrees with the calendar on every day of 1999–2030 in both separators', () => {
    for (let time = Date.UTC(1999, 0, 1); time <= Date.UTC(2030, 11, 31); time += 86_400_000) {
      const iso = new Date(time).toISOString().slice(0, 10);
      const [y, m, d] = iso.split('-');
      expect(parseDate(`${d}.${m}.${y}`)).toBe(iso);
      expect(parseDate(`${d}/${m}/${y}`)).toBe(iso);
    }
  });
});

describe('codes', () => {
  it('left-pads SIRETs to 14 digits and drops what is not one', () => {
    expect(normaliseSiret('85129663200017')).toBe('85129663200017');
    expect(normaliseSiret('5129663200017')).toBe('05129663200017');
    expect(normaliseSiret('129663200017')).toBe('00129663200017');
    expect(normaliseSiret('851 296 632 00017')).toBe('85129663200017');
    expect(normaliseSiret('#')).toBeNull();
    expect(normaliseSiret('')).toBeNull();
    expect(normaliseSiret('00000000000000')).toBeNull();
    expect(normaliseSiret('FR12345678901')).toBeNull();
    expect(normaliseSiret('851296632000171')).toBeNull();
  });

  it('strips Chorus prefixes and reads counts', () => {
    expect(stripPrefix('BG00/DREETS0035', 'BG00/')).toBe('DREETS0035');
    expect(stripPrefix('PCE/6522800000', 'PCE/')).toBe('6522800000');
    expect(stripPrefix('DREETS0035', 'BG00/')).toBe('DREETS0035');
    expect(parseCount('5')).toBe(5);
    expect(parseCount('0012')).toBe(12);
    expect(parseCount('1.5')).toBeNull();
    expect(parseCount('-1')).toBeNull();
    expect(parseCount('')).toBeNull();
  });
});
