/** Options of the `pivot` widget (DESIGN.md §6): rows × columns × measures, totals from SQL. */
export interface PivotOptions {
  /**
   * Dimensions laid out as columns (e.g. `['annee']`); the query's other dimensions are the
   * row levels, in query order. Default none: one column per measure.
   */
  readonly columns?: readonly string[];
  /** Colours detail cells by value (per measure), light to DSFR blue. Default false. */
  readonly heat?: boolean;
  /** Row levels open at first (1 = only the first level shown). Default all open. */
  readonly expandDepth?: number;
}

export interface ResolvedPivotOptions {
  readonly columns: readonly string[];
  readonly heat: boolean;
  readonly expandDepth: number;
}

export function resolvePivotOptions(options: PivotOptions | Record<string, unknown>): ResolvedPivotOptions {
  const o = options as PivotOptions;
  return {
    columns: Array.isArray(o.columns) ? o.columns.filter((c): c is string => typeof c === 'string') : [],
    heat: o.heat === true,
    expandDepth:
      typeof o.expandDepth === 'number' && o.expandDepth >= 1
        ? Math.floor(o.expandDepth)
        : Number.POSITIVE_INFINITY,
  };
}
