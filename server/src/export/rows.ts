/**
 * An export's rows, read from the engine in pages so memory stays bounded whatever the size:
 * the same compiled query again and again with `limit`/`offset`, up to the export cap. Subtotal
 * rows (`_grouping` ≠ 0) are placed right after the last detail row of their group when the
 * sort keeps groups contiguous, else after all the detail rows (as the query API returns them).
 */
import type {
  Cell,
  DatasetDefinition,
  FilterSpec,
  QuerySpec,
  ResultColumn,
  SecurityContext,
} from '@dataetat/widgets';
import { AppError } from '../errors.ts';
import type { DataLoad } from '../metadata/schema.ts';
import { nextTurn } from '../query/budget.ts';
import type { DataVersions } from '../query/data-versions.ts';
import { filterValueLabels, type ValueLabels } from '../query/field-values.ts';
import type { QueryService } from '../query/query-service.ts';

export interface ExportDeps {
  /** Plans the spec once and runs each page (the page's budget: DATAETAT_QUERY_TIMEOUT_MS). */
  readonly queries: QueryService;
  readonly versions: DataVersions;
  /** Highest number of detail rows written (DATAETAT_EXPORT_MAX_ROWS). */
  readonly maxRows: number;
  /** Detail rows asked per engine query. */
  readonly pageSize?: number;
}

export const DEFAULT_EXPORT_PAGE = 50_000;
/** Rows handed to the writer at once (a few milliseconds of CSV or XLSX work). */
export const EXPORT_SLICE_ROWS = 2_000;

/** A written row: `level` is the `_grouping` mask, 0 for a detail row. */
export interface ExportRow {
  readonly cells: readonly Cell[];
  readonly level: number;
}

export interface ExportSource {
  readonly spec: QuerySpec;
  readonly dataset: DatasetDefinition;
  readonly load: DataLoad;
  readonly context: SecurityContext;
  /** The exported lines include demo ones (catalogue/composition.ts). */
  readonly demo: boolean;
  /** Result columns without the internal `_grouping` one. */
  readonly columns: readonly ResultColumn[];
  /** Grand totals by measure id (always asked when the spec has dimensions). */
  readonly totals: Readonly<Record<string, number | null>> | null;
  /** Labels of the codes the filters and the territory name (the « Source » sheet says them). */
  readonly labels: ValueLabels;
  /** The first rows of the first page (used to size the XLSX columns). */
  readonly sample: readonly ExportRow[];
  /** Row batches in writing order, a slice of a page each; the event loop turns between them. */
  batches(): AsyncGenerator<readonly ExportRow[]>;
  /** After `batches()` ended: detail rows written and whether the cap cut the data. */
  readonly progress: { detailRows: number; truncated: boolean };
}

/** Validates the spec (SpecError → 400), then reads the first page so engine errors come before any byte. */
export async function openExport(
  deps: ExportDeps,
  body: unknown,
  context: SecurityContext,
  signal?: AbortSignal,
): Promise<ExportSource> {
  // Planned once, on the base table; pages differ only in limit and offset. The widget's page
  // (limit/offset) is not the export's: everything is written, up to the cap, with the grand
  // totals whenever there is something to total.
  const planned = deps.queries.planQuery(body, context, { maxLimit: deps.maxRows, rollups: false });
  const { limit: _limit, offset: _offset, ...asked } = planned.spec;
  const withTotals = planned.plan.dimensions.length > 0 && planned.plan.measures.length > 0;
  const spec: QuerySpec = { ...asked, ...(withTotals ? { totals: true } : {}) };
  const plan = { ...planned.plan, totals: planned.plan.totals || withTotals, limitCapped: false };
  const dataset = plan.dataset;
  const load = deps.versions.get(dataset.id);
  if (!load && dataset.importedOnly) throw new AppError('DATA_NOT_IMPORTED', { title: dataset.title });
  if (!load) throw new AppError('DATA_NOT_LOADED', { id: dataset.id });

  const pageSize = deps.pageSize ?? DEFAULT_EXPORT_PAGE;
  const readPage = (offset: number) => {
    const compiled = deps.queries.render({
      ...plan,
      limit: Math.min(pageSize, deps.maxRows - offset),
      offset,
    });
    return deps.queries.runCompiled(compiled, signal ? { signal } : {});
  };

  const first = await readPage(0);
  const groupingIndex = first.columns.findIndex((c) => c.role === 'grouping');
  const columns = first.columns.filter((c) => c.role !== 'grouping');
  const toRow = (cells: readonly Cell[]): ExportRow =>
    groupingIndex < 0
      ? { cells, level: 0 }
      : {
          cells: cells.filter((_c, i) => i !== groupingIndex),
          level: Number(cells[groupingIndex] ?? 0),
        };
  const placer = new SubtotalPlacer(
    columns.flatMap((c, i) => (c.role === 'dimension' ? [i] : [])),
    groupsStayContiguous(spec),
  );
  const progress = { detailRows: 0, truncated: false };

  /**
   * A page's rows to write, a slice at a time with a turn of the event loop between slices, so
   * writing 50 000 rows (CSV text, XLSX cells) never holds other requests for long. Rows are
   * converted slice by slice too: mapping a whole page at once held the loop for ~40 ms.
   */
  async function* placed(
    raw: readonly (readonly Cell[])[],
    last: boolean,
  ): AsyncGenerator<readonly ExportRow[]> {
    // The page's subtotal rows first (they follow its detail rows), kept until their group closes.
    for (let i = 0; i < raw.length; i += EXPORT_SLICE_ROWS) {
      if (groupingIndex < 0) break;
      const subtotals: ExportRow[] = [];
      for (const cells of raw.slice(i, i + EXPORT_SLICE_ROWS)) {
        if (Number(cells[groupingIndex] ?? 0) !== 0) subtotals.push(toRow(cells));
      }
      placer.hold(subtotals);
      await nextTurn();
    }
    for (let i = 0; i < raw.length; i += EXPORT_SLICE_ROWS) {
      const slice = raw.slice(i, i + EXPORT_SLICE_ROWS).map(toRow);
      progress.detailRows += slice.filter((r) => r.level === 0).length;
      yield placer.place(slice);
      await nextTurn();
    }
    if (last) yield placer.finish();
  }

  async function* batches(): AsyncGenerator<readonly ExportRow[]> {
    let more = first.truncated;
    yield* placed(first.rows, !more);
    while (more) {
      if (progress.detailRows >= deps.maxRows) {
        progress.truncated = true;
        yield placer.finish();
        return;
      }
      const page = await readPage(progress.detailRows);
      more = page.truncated;
      yield* placed(page.rows, !more);
    }
  }

  const scopeFilter: FilterSpec[] =
    context.scope === 'NAT' ? [] : [{ field: 'region', op: 'eq', values: [context.scope] }];
  const labels = await filterValueLabels(
    deps.queries,
    dataset,
    [...(spec.filters ?? []), ...(context.lockedFilters ?? []), ...scopeFilter],
    context,
  );

  return {
    spec,
    dataset,
    load,
    context,
    demo: deps.queries.demoOf(plan),
    labels,
    columns,
    totals: spec.totals ? first.totals : null,
    sample: first.rows.slice(0, EXPORT_SLICE_ROWS).map(toRow),
    batches,
    progress,
  };
}

/** Groups are contiguous when the sort starts with the subtotalled dimensions, in order. */
export function groupsStayContiguous(spec: QuerySpec): boolean {
  const dims = spec.dimensions ?? [];
  const levels = Math.min((spec.subtotals ?? []).length, Math.max(dims.length - 1, 0));
  const sort = spec.sort ?? [];
  for (let i = 0; i < levels; i++) if (sort[i]?.field !== dims[i]) return false;
  return true;
}

/**
 * Puts subtotal rows where a reader expects them. Pages overlap in subtotal rows (a group cut
 * by a page boundary comes back with the next page): each is written once.
 */
export class SubtotalPlacer {
  private readonly pending = new Map<string, ExportRow>();
  private readonly written = new Set<string>();
  private previous: ExportRow | null = null;

  constructor(
    /** Cell indexes of the dimension codes, in dimension order. */
    private readonly dimIndexes: readonly number[],
    private readonly contiguous: boolean,
  ) {}

  private keyOf(cells: readonly Cell[], prefix: number): string {
    return JSON.stringify(this.dimIndexes.slice(0, prefix).map((i) => cells[i] ?? null));
  }

  /** The row's level and the codes of the dimensions it keeps (a prefix, or any set for totals across). */
  private subtotalKey(row: ExportRow): string {
    const k = this.dimIndexes.length;
    const kept = this.dimIndexes.filter((_index, i) => !((row.level >> (k - 1 - i)) & 1));
    return `${row.level}:${JSON.stringify(kept.map((i) => row.cells[i] ?? null))}`;
  }

  /** Subtotals of `detail`'s groups from `fromPrefix` down to 1, finest first. */
  private close(detail: ExportRow, fromPrefix: number): ExportRow[] {
    const out: ExportRow[] = [];
    const k = this.dimIndexes.length;
    for (let prefix = k - 1; prefix >= fromPrefix; prefix--) {
      const key = `${2 ** (k - prefix) - 1}:${this.keyOf(detail.cells, prefix)}`;
      const row = this.pending.get(key);
      if (row) {
        out.push(row);
        this.pending.delete(key);
        this.written.add(key);
      }
    }
    return out;
  }

  /** One page (detail rows, then its subtotal rows) → rows to write now. */
  take(rows: readonly ExportRow[]): ExportRow[] {
    this.hold(rows);
    return this.place(rows);
  }

  /** Keeps a page's subtotal rows until their group closes (or the data ends). */
  hold(rows: readonly ExportRow[]): void {
    for (const row of rows) {
      if (row.level === 0) continue;
      const key = this.subtotalKey(row);
      if (!this.written.has(key)) this.pending.set(key, row);
    }
  }

  /** Detail rows of a held page, in order (any slice of it) → rows to write now. */
  place(rows: readonly ExportRow[]): ExportRow[] {
    const out: ExportRow[] = [];
    for (const row of rows) {
      if (row.level !== 0) continue;
      if (this.contiguous && this.previous) {
        const k = this.dimIndexes.length;
        let first = 1;
        while (first < k && this.keyOf(this.previous.cells, first) === this.keyOf(row.cells, first)) first++;
        if (first < k) out.push(...this.close(this.previous, first));
      }
      out.push(row);
      this.previous = row;
    }
    return out;
  }

  /** The end of the data: the last groups' subtotals, or every subtotal when groups are scattered. */
  finish(): ExportRow[] {
    const out = this.contiguous && this.previous ? this.close(this.previous, 1) : [];
    const rest = [...this.pending.values()].sort((a, b) => a.level - b.level);
    this.pending.clear();
    return [...out, ...rest];
  }
}
