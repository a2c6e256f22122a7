/**
 * SIREN / SIRET helpers. Both carry a Luhn check digit (INSEE); keep them as strings, a leading
 * zero is significant.
 */

/** Luhn sum over a digit string: valid when the total is a multiple of 10. */
function luhnSum(digits: string, doubleFirst: boolean): number {
  let sum = 0;
  let double = doubleFirst;
  // Walk right to left: the rightmost digit is never doubled in a complete number.
  for (let i = digits.length - 1; i >= 0; i--) {
    let n = digits.charCodeAt(i) - 48;
    if (double) {
      n *= 2;
      if (n > 9) n -= 9;
    }
    sum += n;
    double = !double;
  }
  return sum;
}

export function isLuhnValid(digits: string): boolean {
  return /^\d+$/.test(digits) && luhnSum(digits, false) % 10 === 0;
}

/** The digit to append to `digits` so the result is Luhn-valid. */
export function luhnCheckDigit(digits: string): string {
  return String((10 - (luhnSum(digits, true) % 10)) % 10);
}

/**
 * A 14-digit SIRET from a raw identifier: spaces removed, and a 13-digit number left-padded
 * (spreadsheets drop the leading zero of SIRETs whose SIREN starts with 0). Null otherwise.
 */
export function normaliseSiret(raw: string): string | null {
  const compact = raw.replace(/[\s\u00a0]/g, '');
  if (/^\d{14}$/.test(compact)) return compact;
  if (/^\d{13}$/.test(compact)) return `0${compact}`;
  return null;
}
