/**
 * What a page knows to name a query's filters (picture/filterWords.ts says them in words). Apart
 * from the words themselves so that pages carry the names without the wording code, which loads
 * with the picture.
 */

export interface FieldWords {
  /** French label (« Programme »). */
  readonly label?: string;
  /** Dimension type: `geo` and `year` values speak for themselves. */
  readonly type?: string;
}

/** What a page knows to name the filters of a widget's query. */
export interface FilterLabels {
  readonly fields: Readonly<Record<string, FieldWords>>;
  /** Names of values by field, then by code (`departement` → `35` → « Ille-et-Vilaine »). */
  readonly values: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

export const NO_FILTER_LABELS: FilterLabels = { fields: {}, values: {} };
