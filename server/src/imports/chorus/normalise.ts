/**
 * Normalisation of Chorus field values: amounts to integer cents, dates to ISO, SIRETs to 14
 * digits, `#` to null, `BG00/` and `PCE/` prefixes stripped. Each parser returns `null` when the
 * value cannot be read (the caller turns that into a French `LineProblem`). Hand-written loops
 * rather than regular expressions: they run several times per line on million-line files.
 */

/** Chorus writes `#` for « no value »; an empty field means the same. */
export function isAbsent(value: string): boolean {
  return value === '' || value === '#';
}

/** `BG00/DREETS0035` → `DREETS0035` (centre de coûts, référentiel), `PCE/6522800000` → `6522800000`. */
export function stripPrefix(value: string, prefix: string): string {
  return value.startsWith(prefix) ? value.slice(prefix.length) : value;
}

const ZERO = 48;
const NINE = 57;
const isDigit = (code: number) => code >= ZERO && code <= NINE;

/**
 * SIRET (« Code taxe 1 ») as 14 digits: spreadsheets and some exports store it as a number and
 * drop its leading zeros, so any 1–14 digit value is left-padded. Spaces are ignored; anything
 * else (a foreign VAT number, `#`, all zeros) is not a SIRET: null.
 */
export function normaliseSiret(raw: string): string | null {
  if (raw.length === 14 && allDigits(raw)) return raw === '00000000000000' ? null : raw;
  let digits = '';
  let nonZero = false;
  for (let i = 0; i < raw.length; i++) {
    const code = raw.charCodeAt(i);
    if (isDigit(code)) {
      digits += raw[i];
      if (code !== ZERO) nonZero = true;
    } else if (code !== 0x20 && code !== 0xa0 && code !== 0x202f) return null;
  }
  if (digits.length === 0 || digits.length > 14 || !nonZero) return null;
  return digits.padStart(14, '0');
}

function allDigits(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (!isDigit(text.charCodeAt(i))) return false;
  return true;
}

/** Characters an amount may carry that mean nothing: spaces (thousands), non-breaking spaces, `€`. */
function isAmountFiller(code: number): boolean {
  return code === 0x20 || code === 0xa0 || code === 0x202f || code === 0x2009 || code === 0x20ac;
}

const MINUS = 0x2d;
const TYPOGRAPHIC_MINUS = 0x2212;
const PLUS = 0x2b;
const COMMA = 0x2c;
const POINT = 0x2e;
/** 13 significant integer digits: 10 000 milliards d'euros, in cents still far below 2^53. */
const MAX_INTEGER_DIGITS = 13;

/**
 * An amount in euros as integer cents, read from its text (never through a float):
 * `22500,12`, `12615940.52`, `138 936 678,56`, `1 234,5 €`, `−15000`, `1234,56-` (SAP's
 * trailing minus), `1.234.567,89`, `1,234,567.89`. Decimal separator: the last of `,`/`.` when
 * both appear; a single `,` or `.` otherwise; one kind repeated (`1.234.567`) groups thousands,
 * and grouped digits come by three. More than two decimals are accepted only when the extra ones
 * are zeros. Null when the text is not an amount.
 */
export function parseAmountCents(raw: string): number | null {
  // First pass: what the text holds (digits, separators, sign), positions counted in digits.
  let digits = 0;
  let separators = 0;
  let commas = 0;
  let lastSeparatorKind = 0;
  let lastSeparatorAt = -1;
  let negative = false;
  let signSeen = false;
  let signAfterDigits = false;
  for (let i = 0; i < raw.length; i++) {
    const code = raw.charCodeAt(i);
    if (isDigit(code)) {
      if (signAfterDigits) return null;
      digits++;
    } else if (code === COMMA || code === POINT) {
      if (digits === 0 || lastSeparatorAt === digits || signAfterDigits) return null;
      separators++;
      if (code === COMMA) commas++;
      lastSeparatorKind = code;
      lastSeparatorAt = digits;
    } else if (code === MINUS || code === TYPOGRAPHIC_MINUS || code === PLUS) {
      if (signSeen) return null;
      signSeen = true;
      negative = code !== PLUS;
      signAfterDigits = digits > 0;
    } else if (!isAmountFiller(code)) return null;
  }
  if (digits === 0 || lastSeparatorAt === digits) return null;
  // Where the integer part ends (in digits): at the decimal separator, if there is one.
  let integerEnd = digits;
  if (separators > 0) {
    const points = separators - commas;
    const lastKindCount = lastSeparatorKind === COMMA ? commas : points;
    if (commas > 0 && points > 0) {
      if (lastKindCount !== 1) return null; // `1,234,56.7`: the decimal separator comes once, last
      integerEnd = lastSeparatorAt;
    } else if (separators === 1) integerEnd = lastSeparatorAt;
  }
  // Second pass: the value, and the grouping of every separator that is not the decimal one.
  let integer = 0;
  let significant = 0;
  let cents = 0;
  let k = 0;
  let previousGroupAt = -1;
  for (let i = 0; i < raw.length; i++) {
    const code = raw.charCodeAt(i);
    if (isDigit(code)) {
      const digit = code - ZERO;
      if (k < integerEnd) {
        if (significant > 0 || digit !== 0) significant++;
        integer = integer * 10 + digit;
      } else if (k < integerEnd + 2) cents = cents * 10 + digit;
      else if (digit !== 0) return null; // a fraction of a cent
      k++;
    } else if ((code === COMMA || code === POINT) && k !== integerEnd) {
      if (previousGroupAt === -1 ? k > 3 : k - previousGroupAt !== 3) return null;
      previousGroupAt = k;
    }
  }
  if (previousGroupAt !== -1 && integerEnd - previousGroupAt !== 3) return null;
  if (significant > MAX_INTEGER_DIGITS) return null;
  if (digits - integerEnd === 1) cents *= 10; // `12,5` is 12,50
  const total = integer * 100 + cents;
  return negative && total !== 0 ? -total : total;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function isoDate(year: number, month: number, day: number): string | null {
  if (year < 1900 || year > 2199 || month < 1 || month > 12 || day < 1) return null;
  const days = month === 2 && isLeap(year) ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
  if (day > days) return null;
  return `${year}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

/** The two-digit number at `at`, or a large negative number (so that any sum of them stays negative). */
function twoDigits(text: string, at: number): number {
  const tens = text.charCodeAt(at) - ZERO;
  const units = text.charCodeAt(at + 1) - ZERO;
  return tens >= 0 && tens <= 9 && units >= 0 && units <= 9 ? tens * 10 + units : -10_000;
}

/** Reads 1 to `max` digits from `raw` at `from`: [value, next index], or null. */
function readNumber(raw: string, from: number, max: number): [number, number] | null {
  let value = 0;
  let i = from;
  while (i < raw.length && i - from < max && isDigit(raw.charCodeAt(i))) {
    value = value * 10 + raw.charCodeAt(i) - ZERO;
    i++;
  }
  return i === from ? null : [value, i];
}

/**
 * A Chorus date to ISO `YYYY-MM-DD`: `dd.mm.yyyy` (regional reports), `dd/mm/yyyy` (national
 * exports), one-digit day or month as a spreadsheet re-saves them, `yyyy-mm-dd`; a time after a
 * space is ignored. Null for anything else, or a day that does not exist (31.02.2023).
 */
export function parseDate(raw: string): string | null {
  // The usual shape, `dd.mm.yyyy` or `dd/mm/yyyy`, read without allocating.
  if (raw.length === 10) {
    const separator = raw.charCodeAt(2);
    if ((separator === POINT || separator === 0x2f) && raw.charCodeAt(5) === separator) {
      const day = twoDigits(raw, 0);
      const month = twoDigits(raw, 3);
      const year = twoDigits(raw, 6) * 100 + twoDigits(raw, 8);
      return day < 0 || month < 0 || year < 0 ? null : isoDate(year, month, day);
    }
  }
  let text = raw;
  const space = text.indexOf(' ');
  if (space > 0) {
    if (!/^ \d{1,2}:\d{2}(:\d{2})?$/.test(text.slice(space))) return null;
    text = text.slice(0, space);
  }
  const first = readNumber(text, 0, 4);
  if (!first) return null;
  const separator = text.charCodeAt(first[1]);
  if (separator === 0x2d && first[1] === 4) {
    // yyyy-mm-dd
    const month = readNumber(text, 5, 2);
    if (!month || text.charCodeAt(month[1]) !== 0x2d) return null;
    const day = readNumber(text, month[1] + 1, 2);
    if (!day || day[1] !== text.length) return null;
    return isoDate(first[0], month[0], day[0]);
  }
  if ((separator !== POINT && separator !== 0x2f) || first[1] > 2) return null;
  const month = readNumber(text, first[1] + 1, 2);
  if (!month || text.charCodeAt(month[1]) !== separator) return null;
  const year = readNumber(text, month[1] + 1, 4);
  if (!year || year[1] !== text.length || year[1] - month[1] - 1 !== 4) return null;
  return isoDate(year[0], month[0], first[0]);
}

/** A non-negative integer (n° de poste): digits only, at most 9 of them. */
export function parseCount(raw: string): number | null {
  if (raw.length === 0 || raw.length > 9) return null;
  let value = 0;
  for (let i = 0; i < raw.length; i++) {
    const code = raw.charCodeAt(i);
    if (!isDigit(code)) return null;
    value = value * 10 + code - ZERO;
  }
  return value;
}
