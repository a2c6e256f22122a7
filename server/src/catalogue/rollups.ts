import type { DatasetDefinition, DimensionDefinition, MeasureDefinition } from '@dataetat/widgets';
import { quoteIdentifier } from '../warehouse/types.ts';
import { chorusLignes } from './datasets/chorus-lignes.ts';
import { financementsPublics } from './datasets/financements-publics.ts';
import { entityTableDefinitions } from './entity-tables.ts';
import { datasetDefinitions } from './index.ts';

/**
 * Pre-aggregations (« rollups »): a dataset grouped in advance by a few dimensions, built at
 * load time beside the base table and swapped in with it (`replaceTable(…, { derived })`), so a
 * rollup is always built from the very rows it summarises. QueryService routes a spec to the
 * smallest rollup that can answer it exactly (query/rollups.ts); the result is the same.
 */
export interface RollupDefinition {
  /** Warehouse table name (`<dataset>__r_<shape>`). */
  readonly table: string;
  /** Dataset it summarises. */
  readonly dataset: string;
  /**
   * Dimension ids of the base dataset kept as grouping columns (with their label and search
   * columns).
   * Cheap when functionally dependent on another kept one (region of a département, theme and
   * tags of a programme): they add no rows.
   */
  readonly dimensions: readonly string[];
  /**
   * Only the line count, no sums: an entity table (entity-tables.ts), which is a list of
   * distinct values first. Only `count` measures map to it.
   */
  readonly countOnly?: boolean;
}

/** Column of a rollup holding the number of base rows behind each rollup row. */
export const ROLLUP_COUNT_COLUMN = 'row_count';
const sumColumn = (column: string) => `sum__${column}`;
const minColumn = (column: string) => `min__${column}`;
const maxColumn = (column: string) => `max__${column}`;

/**
 * The dashboards' frequent shapes over Chorus. Rows for 1 000 000 demo lines (DuckDB):
 * année × département × programme 80 012, année × EPCI 16 665, année × département × type de
 * bénéficiaire 7 110, région × bénéficiaire ≈ 50 000 (docs/pre-agregations.md).
 */
const shapes: readonly RollupDefinition[] = [
  {
    table: 'chorus_lignes__r_annee_dep_prog',
    dataset: chorusLignes.id,
    dimensions: ['annee', 'region', 'departement', 'programme', 'theme', 'tags', 'origine'],
  },
  {
    table: 'chorus_lignes__r_annee_epci',
    dataset: chorusLignes.id,
    dimensions: ['annee', 'region', 'departement', 'epci', 'tags', 'origine'],
  },
  {
    table: 'chorus_lignes__r_annee_dep_type',
    dataset: chorusLignes.id,
    dimensions: ['annee', 'region', 'departement', 'tags', 'type_beneficiaire', 'origine'],
  },
  {
    // « Top bénéficiaires de ma région » and a scoped beneficiary values list: one row per
    // (région, bénéficiaire) — about the number of beneficiaries (a beneficiary is mostly paid in
    // one région) — instead of every line of the région.
    table: 'chorus_lignes__r_region_benef',
    dataset: chorusLignes.id,
    dimensions: ['region', 'beneficiaire', 'type_beneficiaire'],
  },
  {
    // The « Bénéficiaires » page's search for a scoped reader (values of `beneficiaire` in the
    // reader's région): one row per (région, bénéficiaire) instead of every line of every source
    // in the région (1 000 000 demo Chorus lines: 244 ms median on the lines, docs/financements-publics.md).
    table: 'financements_publics__r_region_benef',
    dataset: financementsPublics.id,
    dimensions: ['region', 'beneficiaire', 'type_beneficiaire'],
  },
];

/**
 * Every pre-aggregation: the shapes above and the entity tables the catalogue declares. An
 * entity table is a count-only rollup by its dimension, so the same load builds it and the same
 * router sends it the specs it answers exactly (a national values list of that dimension).
 */
export const rollupDefinitions: readonly RollupDefinition[] = [
  ...shapes,
  ...entityTableDefinitions(datasetDefinitions),
];

export function rollupsOf(dataset: string): readonly RollupDefinition[] {
  return rollupDefinitions.filter((r) => r.dataset === dataset);
}

export function keptDimensions(base: DatasetDefinition, rollup: RollupDefinition): DimensionDefinition[] {
  return rollup.dimensions.map((id) => {
    const dimension = base.dimensions.find((d) => d.id === id);
    if (!dimension) throw new Error(`pré-agrégation ${rollup.table} : dimension ${id} inconnue`);
    return dimension;
  });
}

/**
 * A base measure re-expressed over the rollup's columns, or null when the rollup cannot give
 * the exact same value: sum → SUM of the pre-summed column, count → SUM of the row counts,
 * min/max → MIN/MAX of the pre-computed ones, count_distinct only on a grouping column, ratio
 * when both parts map. avg is never mapped: it would need a non-null count per column.
 */
function mapMeasure(
  measure: MeasureDefinition,
  base: DatasetDefinition,
  groupColumns: ReadonlySet<string>,
  countOnly: boolean,
): MeasureDefinition | null {
  const agg = measure.aggregate;
  // A count-only rollup has no pre-aggregated column for these.
  if (countOnly && (agg.kind === 'sum' || agg.kind === 'min' || agg.kind === 'max')) return null;
  switch (agg.kind) {
    case 'sum':
      return { ...measure, aggregate: { kind: 'sum', column: sumColumn(agg.column) } };
    case 'min':
      return { ...measure, aggregate: { kind: 'min', column: minColumn(agg.column) } };
    case 'max':
      return { ...measure, aggregate: { kind: 'max', column: maxColumn(agg.column) } };
    case 'count':
      return { ...measure, aggregate: { kind: 'sum', column: ROLLUP_COUNT_COLUMN } };
    case 'count_distinct':
      return groupColumns.has(agg.column) ? measure : null;
    case 'avg':
      return null;
    case 'ratio': {
      const part = (id: string) => {
        const m = base.measures.find((x) => x.id === id);
        return m && m.aggregate.kind !== 'ratio' ? mapMeasure(m, base, groupColumns, countOnly) : null;
      };
      return part(agg.numerator) && part(agg.denominator) ? measure : null;
    }
  }
}

/**
 * Code, label and search columns of the kept dimensions. The search column depends on code and
 * label only (adds no rows) and lets `contains` on a kept dimension run on the rollup too.
 */
function groupColumnsOf(dimensions: readonly DimensionDefinition[]): string[] {
  const columns = dimensions.flatMap((d) =>
    [d.column, d.labelColumn, d.searchColumn].filter((c): c is string => c !== undefined),
  );
  return [...new Set(columns)];
}

/**
 * The rollup seen as a dataset: same id, labels, formats and provenance as its base (so the
 * compiled result is the same), its own table, only the dimensions it keeps and the measures
 * it can answer exactly. Never listed in the catalogue: QueryService compiles against it.
 */
export function rollupDataset(base: DatasetDefinition, rollup: RollupDefinition): DatasetDefinition {
  // A rollup carries the search column of each dimension it keeps, and has about one row per
  // entity (région × bénéficiaire): it is searched in place, not through a semi-join on the
  // entity table — its own one, or one as large (a Bretagne search over 1 000 000 lines: 24 ms
  // median in place, 50 ms through the entity table, at load 16 on 2 cores).
  const dimensions = keptDimensions(base, rollup).map((d) => {
    if (d.entityTable === undefined) return d;
    const { entityTable: _searchedInPlace, ...dimension } = d;
    return dimension;
  });
  const groupColumns = new Set(groupColumnsOf(dimensions));
  const measures = base.measures
    .map((m) => mapMeasure(m, base, groupColumns, rollup.countOnly === true))
    .filter((m): m is MeasureDefinition => m !== null);
  // Built with GROUP BY over every kept dimension's code, label and search (the search depends on
  // code and label only): a row is unique on those dimensions.
  return { ...base, table: rollup.table, rowsUniqueBy: rollup.dimensions, dimensions, measures };
}

/**
 * The `SELECT` building the rollup from `source` (the freshly loaded base table): grouping
 * columns, then one pre-aggregated column per column a mappable measure reads. Sums of
 * DECIMAL stay exact DECIMAL on both engines, so re-summing them gives the very same totals.
 */
export function rollupSelect(base: DatasetDefinition, rollup: RollupDefinition, source: string): string {
  const group = groupColumnsOf(keptDimensions(base, rollup)).map(quoteIdentifier);
  const aggregates = new Map<string, string>();
  for (const measure of rollup.countOnly ? [] : base.measures) {
    const agg = measure.aggregate;
    if (agg.kind === 'sum' || agg.kind === 'min' || agg.kind === 'max') {
      const name = { sum: sumColumn, min: minColumn, max: maxColumn }[agg.kind](agg.column);
      aggregates.set(name, `${agg.kind.toUpperCase()}(${quoteIdentifier(agg.column)})`);
    }
  }
  aggregates.set(ROLLUP_COUNT_COLUMN, 'COUNT(*)');
  const items = [...group, ...[...aggregates].map(([name, expr]) => `${expr} AS ${quoteIdentifier(name)}`)];
  return `SELECT ${items.join(', ')} FROM ${source} GROUP BY ${group.join(', ')}`;
}
