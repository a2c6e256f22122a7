/**
 * The semantic layer: what a dataset offers to widgets. One definition per dataset
 * (server/src/catalogue/datasets/*.ts). Identifiers in SQL come only from here.
 */

export type GeoLevel = 'region' | 'departement' | 'epci' | 'commune' | 'qpv';

export type ValueFormat = 'eur' | 'integer' | 'number' | 'percent' | 'year' | 'text';

/**
 * `coordinate`: a WGS 84 degree (DOUBLE column) of a point, its `axis` saying which; grouped on
 * as is (one row per distinct position), compared as a number, drawn by the map's points mode.
 */
export type DimensionType = 'text' | 'code' | 'year' | 'date' | 'geo' | 'tags' | 'coordinate';

export type CoordinateAxis = 'latitude' | 'longitude';

export interface DimensionDefinition {
  /** Public id used in specs (`departement`). */
  readonly id: string;
  /** French label shown in the UI (`Département`). */
  readonly label: string;
  readonly type: DimensionType;
  /** Geographic level, for `type: 'geo'`. */
  readonly level?: GeoLevel;
  /** Which coordinate, for `type: 'coordinate'` (required there, absent elsewhere). */
  readonly axis?: CoordinateAxis;
  /** Column in the warehouse table holding the code / value. */
  readonly column: string;
  /** Column holding a human label for the code, when there is one. */
  readonly labelColumn?: string;
  /**
   * Column holding the folded text of code + label (`searchText(code, label)`, i.e.
   * `foldForSearch` of each), written at load time. When present, `contains` is a plain LIKE on
   * it (no per-row folding in SQL); without it the compiler folds both columns in SQL.
   */
  readonly searchColumn?: string;
  /**
   * For a searchable dimension with many distinct values (beneficiaries: ~500 000 for 10M
   * lines): warehouse table of its distinct values, built from the lines in the same load
   * (server/src/catalogue/entity-tables.ts). Its columns keep the dimension's names —
   * `column`, `labelColumn`, `searchColumn` — plus the line count. A `contains` then finds the
   * matching codes there and keeps the lines whose code is one of them, instead of searching
   * the text of every line. Requires `searchColumn`; lines without a code are never found by a
   * search (they name no entity).
   */
  readonly entityTable?: string;
  /** Coarser dimension this one rolls up to (commune → epci → departement → region). */
  readonly parent?: string;
  readonly description?: string;
}

export type MeasureAggregate =
  | { readonly kind: 'sum' | 'min' | 'max' | 'avg'; readonly column: string }
  | { readonly kind: 'count' }
  | { readonly kind: 'count_distinct'; readonly column: string }
  /**
   * Non-additive ratio, recomputed from its parts at every grouping level. `numerator` and
   * `denominator` are ids of non-ratio measures of the same dataset (e.g. montant_cp / montant_ae).
   */
  | { readonly kind: 'ratio'; readonly numerator: string; readonly denominator: string };

export interface MeasureDefinition {
  readonly id: string;
  readonly label: string;
  readonly aggregate: MeasureAggregate;
  readonly format: ValueFormat;
  readonly description?: string;
}

export interface DatasetDefinition {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly source: { readonly name: string; readonly licence: string; readonly url?: string };
  /** True when the data is synthetic: every screen labels it « données de démonstration ». */
  readonly demo: boolean;
  /**
   * For a dataset whose synthetic lines give way to real ones as they are imported (Chorus): the
   * dimension telling each line's origin and its value on synthetic lines. The server then says
   * `demo` from the data itself (the lines a result or the dataset holds), not from `demo`.
   */
  readonly demoOrigin?: { readonly dimension: string; readonly value: string };
  /**
   * Fed by data file imports only (no seed loader): its table exists, empty, from the start;
   * before the first import it has no load, and queries say « pas encore importé ».
   */
  readonly importedOnly?: boolean;
  /** One row of the table is… (French sentence). */
  readonly grain: string;
  /** Warehouse table name. */
  readonly table: string;
  /**
   * Dimension ids whose code and label columns hold once per row (a pre-aggregation, grouped by
   * them when built): a query grouping by exactly these reads each row as its own group, with no
   * GROUP BY (compiler/build.ts). Absent on base tables.
   */
  readonly rowsUniqueBy?: readonly string[];
  readonly dimensions: readonly DimensionDefinition[];
  readonly measures: readonly MeasureDefinition[];
  readonly defaultSort?: readonly { readonly field: string; readonly dir: 'asc' | 'desc' }[];
  /**
   * Dimension the caller's territorial scope (a région code) applies to, or null when the
   * dataset is public open data visible to everyone.
   */
  readonly scopeField: string | null;
}

export type Catalogue = ReadonlyMap<string, DatasetDefinition>;
