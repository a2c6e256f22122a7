/**
 * Input limits, defined once. Every bound here is checked before any work proportional to the
 * input: the server's input guard (any JSON body, query string, path parameter), the query spec
 * and dashboard schemas, and the route schemas (through the TypeBox helpers of limitSchemas.ts)
 * all read these numbers, so a limit changes in one place. No TypeBox here: the embed bundle reads
 * these numbers and must not carry TypeBox (whose modules a bundler keeps once imported).
 */
/** Largest id or version number: PostgreSQL `integer` (a bigger one would reach the store → 500). */
export const INT32_MAX = 2_147_483_647;

/** Any JSON the server receives (body, query string, path parameters), checked as one tree. */
export const JSON_LIMITS = {
  /** Nesting levels below the root (a dashboard definition needs 7, widget options a few more). */
  maxDepth: 32,
  /**
   * Values (objects, arrays, scalars) in the whole tree: a dashboard has a few hundred, a query
   * spec a few dozen. Checked on the raw text, so a bigger body is refused before it is parsed.
   */
  maxNodes: 20_000,
  /** Length of one object key. */
  maxKeyLength: 200,
} as const;

/** Free-form widget options (`widgets[i].options`): checked by dashboard validation. */
export const OPTIONS_LIMITS = {
  /** Nesting levels below `options` (the widget types use two at most). */
  maxDepth: 8,
  maxNodes: 2_000,
  /** Longest text (the text widget's markdown). */
  maxStringLength: 20_000,
} as const;

/**
 * A query spec as a whole, checked before TypeBox's error report (about 2 µs per value: 200 ms
 * for 100 000). A spec has a few dozen values; 1 000 codes in one filter fit.
 */
export const SPEC_LIMITS = {
  maxDepth: 8,
  maxNodes: 10_000,
  // Filter values are checked by plan.ts, whose SPEC_BAD_VALUE names the field.
  texts: 'any',
} as const;

/** Maximum lengths of texts, in UTF-16 units (what JSON Schema `maxLength` counts). */
export const TEXT_LIMITS = {
  /** Dataset, measure and dimension ids. */
  field: 200,
  /** One filter value. */
  filterValue: 1_000,
  /** A person's name, a dashboard or widget title. */
  name: 200,
  title: 200,
  description: 5_000,
  /** A version message. */
  message: 500,
  /** A search box. */
  search: 200,
  email: 254,
  password: 1_024,
} as const;

/** Maximum sizes of lists. */
export const ARRAY_LIMITS = {
  measures: 50,
  dimensions: 20,
  subtotals: 20,
  filters: 100,
  filterValues: 1_000,
  sort: 40,
  widgets: 100,
  dashboardFilters: 20,
} as const;

/**
 * What no stored text may hold: NUL (PostgreSQL text refuses it) and lone UTF-16 surrogates
 * (not Unicode: they cannot be encoded in UTF-8, so they would be stored as « � » or refused).
 * Returns the French reason, or null when the text is fine. Linear: native scans, and a loop
 * over the text only when it holds a surrogate.
 */
export function textFault(text: string): string | null {
  if (text.includes('\u0000')) return 'caractère nul (U+0000) interdit';
  if (!SURROGATE.test(text)) return null;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0xd800 || unit > 0xdfff) continue;
    const next = text.charCodeAt(i + 1);
    if (unit > 0xdbff || !(next >= 0xdc00 && next <= 0xdfff)) return LONE_SURROGATE;
    i++;
  }
  return null;
}

const SURROGATE = /[\uD800-\uDFFF]/;
const LONE_SURROGATE = 'caractère UTF-16 isolé (demi-paire de substitution) interdit';

/**
 * The same rule as a JSON Schema pattern, for route schemas and documentation. With the `u` flag
 * (TypeBox and ajv both use it) a class excludes code points, so a well-formed pair is allowed
 * and a lone surrogate is not.
 */
export const SAFE_TEXT_PATTERN = '^[^\\u0000\\uD800-\\uDFFF]*$';
