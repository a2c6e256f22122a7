/**
 * Spec + catalogue + security context → a resolved plan: every name looked up, every rule of
 * DESIGN.md §5 checked (SpecError with a JSON path otherwise), defaults applied, security filters
 * appended. No SQL here: build.ts turns the plan into a node tree.
 */
import type {
  Catalogue,
  DatasetDefinition,
  DimensionDefinition,
  MeasureDefinition,
} from '../catalogue/types.ts';
import { CatalogueError, SpecError } from '../spec/errors.ts';
import type { FilterOperator, FilterSpec, FilterValue, QuerySpec, SecurityContext } from '../spec/types.ts';
import { validateFilterShape } from '../spec/validate.ts';

export interface CompileOptions {
  readonly maxLimit: number;
  /** Rows returned when the spec sets no limit (default 1000), still capped by maxLimit. */
  readonly defaultLimit?: number;
  /** Reference date for relative filters (`last_n_years`); default: now. */
  readonly now?: Date;
}

export interface PlannedFilter {
  readonly dimension: DimensionDefinition;
  readonly op: FilterOperator;
  /** Values checked against the dimension type; `last_n_years` already turned into a year. */
  readonly values: readonly (string | number)[];
}

export type SortKey =
  | { readonly kind: 'dimension'; readonly index: number; readonly dir: 'asc' | 'desc' }
  | { readonly kind: 'label'; readonly index: number; readonly dir: 'asc' | 'desc' }
  | { readonly kind: 'measure'; readonly index: number; readonly dir: 'asc' | 'desc' };

export interface QueryPlan {
  readonly dataset: DatasetDefinition;
  readonly dimensions: readonly DimensionDefinition[];
  readonly measures: readonly MeasureDefinition[];
  /** Spec filters first, then locked filters, then the scope filter: all ANDed. */
  readonly filters: readonly PlannedFilter[];
  /** Full ordering, tie-break included (every dimension and label appears). */
  readonly sort: readonly SortKey[];
  readonly limit: number;
  readonly offset: number;
  readonly limitCapped: boolean;
  readonly totals: boolean;
  /** Prefix lengths of `dimensions` to subtotal on, finest first (e.g. [2, 1]). */
  readonly subtotalLevels: readonly number[];
  /**
   * How many leading dimensions are also rolled up at the detail and every subtotal level
   * (`totalsAcross`): the row totals of a cross-tab. 0 when not asked.
   */
  readonly acrossCount: number;
  readonly topN: { readonly n: number; readonly others: boolean } | null;
  readonly measureOf: (id: string) => MeasureDefinition | undefined;
}

const MAX_OFFSET = 1_000_000_000;
const MAX_TOP_N = 10_000;
const MAX_LAST_N_YEARS = 200;

type Arity = { readonly min: number; readonly max: number };
const ARITY: Record<FilterOperator, Arity> = {
  eq: { min: 1, max: 1 },
  neq: { min: 1, max: 1 },
  in: { min: 1, max: Number.POSITIVE_INFINITY },
  not_in: { min: 1, max: Number.POSITIVE_INFINITY },
  between: { min: 2, max: 2 },
  gt: { min: 1, max: 1 },
  gte: { min: 1, max: 1 },
  lt: { min: 1, max: 1 },
  lte: { min: 1, max: 1 },
  contains: { min: 1, max: 1 },
  starts_with: { min: 1, max: 1 },
  is_null: { min: 0, max: 0 },
  not_null: { min: 0, max: 0 },
  last_n_years: { min: 1, max: 1 },
};

const TEXT_TYPES = new Set(['text', 'code', 'geo', 'tags']);
const TAG_OPS = new Set<FilterOperator>(['eq', 'neq', 'in', 'not_in', 'is_null', 'not_null']);
const DATE_RE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** Why an operator does not fit a dimension type, or null when it does. */
function operatorMismatch(op: FilterOperator, dim: DimensionDefinition): string | null {
  if ((op === 'contains' || op === 'starts_with') && !TEXT_TYPES.has(dim.type)) {
    return 'recherche textuelle réservée aux champs texte ou code';
  }
  // A line's tags are a list: kept or not by its codes (has any of, has none of, has some).
  if (dim.type === 'tags' && !TAG_OPS.has(op)) {
    return 'sur des étiquettes : égal, différent, parmi, hors de, vide ou renseigné';
  }
  if (op === 'last_n_years' && dim.type !== 'year') return 'réservé aux champs année';
  return null;
}

function arityText(arity: Arity): string {
  if (arity.max === 0) return 'aucune valeur attendue';
  if (arity.min === arity.max)
    return `${arity.min} valeur${arity.min > 1 ? 's' : ''} attendue${arity.min > 1 ? 's' : ''}`;
  return 'au moins une valeur attendue';
}

function checkValue(dim: DimensionDefinition, value: FilterValue, path: string): string | number {
  if (dim.type === 'year') {
    if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 && value <= 9999) return value;
    throw new SpecError('SPEC_BAD_VALUE', path, { field: dim.id, reason: 'une année entière est attendue' });
  }
  if (dim.type === 'coordinate') {
    const limit = dim.axis === 'latitude' ? 90 : 180;
    if (typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= limit) return value;
    throw new SpecError('SPEC_BAD_VALUE', path, {
      field: dim.id,
      reason: `un nombre de degrés entre -${limit} et ${limit} est attendu`,
    });
  }
  if (typeof value !== 'string') {
    throw new SpecError('SPEC_BAD_VALUE', path, { field: dim.id, reason: 'un texte est attendu' });
  }
  // PostgreSQL refuses NUL in text: say so as a 400 rather than fail in the engine.
  if (value.includes('\u0000')) {
    throw new SpecError('SPEC_BAD_VALUE', path, { field: dim.id, reason: 'caractère nul interdit' });
  }
  if (dim.type === 'date' && (!DATE_RE.test(value) || Number.isNaN(Date.parse(value)))) {
    throw new SpecError('SPEC_BAD_VALUE', path, {
      field: dim.id,
      reason: 'une date AAAA-MM-JJ est attendue',
    });
  }
  return value;
}

function planFilter(
  filter: FilterSpec,
  path: string,
  dataset: DatasetDefinition,
  dims: ReadonlyMap<string, DimensionDefinition>,
  measures: ReadonlyMap<string, MeasureDefinition>,
  now: Date,
): PlannedFilter {
  const dim = dims.get(filter.field);
  if (!dim) {
    if (measures.has(filter.field)) {
      throw new SpecError('SPEC_BAD_OPERATOR', `${path}/field`, {
        op: filter.op,
        field: filter.field,
        reason: 'les filtres portent sur les dimensions, pas sur les mesures',
      });
    }
    throw new SpecError('SPEC_UNKNOWN_FIELD', `${path}/field`, { field: filter.field, dataset: dataset.id });
  }
  const mismatch = operatorMismatch(filter.op, dim);
  if (mismatch) {
    throw new SpecError('SPEC_BAD_OPERATOR', `${path}/op`, {
      op: filter.op,
      field: dim.id,
      reason: mismatch,
    });
  }
  const values = filter.values ?? [];
  const arity = ARITY[filter.op];
  if (values.length < arity.min || values.length > arity.max) {
    throw new SpecError('SPEC_BAD_OPERATOR', `${path}/values`, {
      op: filter.op,
      field: dim.id,
      reason: arityText(arity),
    });
  }
  if (filter.op === 'last_n_years') {
    const n = values[0];
    if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 1 || n > MAX_LAST_N_YEARS) {
      throw new SpecError('SPEC_BAD_VALUE', `${path}/values/0`, {
        field: dim.id,
        reason: `un nombre d’années entier entre 1 et ${MAX_LAST_N_YEARS} est attendu`,
      });
    }
    return { dimension: dim, op: 'gte', values: [now.getUTCFullYear() - n + 1] };
  }
  return {
    dimension: dim,
    op: filter.op,
    values: values.map((v, i) => checkValue(dim, v, `${path}/values/${i}`)),
  };
}

function checkLimit(value: number, field: string, min: number, max: number): number {
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    const reason =
      Number.isInteger(value) && value < min ? `minimum ${min}` : 'un entier positif est attendu';
    throw new SpecError('SPEC_LIMIT', `/${field}`, { field, reason });
  }
  return value;
}

export function buildPlan(
  spec: QuerySpec,
  catalogue: Catalogue,
  ctx: SecurityContext,
  options: CompileOptions,
): QueryPlan {
  const dataset = catalogue.get(spec.dataset);
  if (!dataset) throw new SpecError('SPEC_UNKNOWN_DATASET', '/dataset', { dataset: spec.dataset });

  const dimsById = new Map(dataset.dimensions.map((d) => [d.id, d]));
  const measuresById = new Map(dataset.measures.map((m) => [m.id, m]));
  const unknown = (field: string, path: string): SpecError =>
    new SpecError('SPEC_UNKNOWN_FIELD', path, { field, dataset: dataset.id });

  const measures = spec.measures.map((id, i) => {
    const m = measuresById.get(id);
    if (m) return m;
    if (dimsById.has(id)) {
      throw new SpecError('SPEC_BAD_VALUE', `/measures/${i}`, {
        field: id,
        reason: 'c’est une dimension, pas une mesure',
      });
    }
    throw unknown(id, `/measures/${i}`);
  });
  const dimIds = spec.dimensions ?? [];
  const dimensions = dimIds.map((id, i) => {
    const d = dimsById.get(id);
    if (d) return d;
    if (measuresById.has(id)) {
      throw new SpecError('SPEC_BAD_VALUE', `/dimensions/${i}`, {
        field: id,
        reason: 'c’est une mesure, pas une dimension',
      });
    }
    throw unknown(id, `/dimensions/${i}`);
  });
  if (measures.length === 0 && dimensions.length === 0) {
    throw new SpecError('SPEC_INVALID', '/measures', {
      reason: 'au moins une mesure ou une dimension est attendue',
    });
  }

  const now = options.now ?? new Date();
  const filters: PlannedFilter[] = (spec.filters ?? []).map((f, i) =>
    planFilter(f, `/filters/${i}`, dataset, dimsById, measuresById, now),
  );
  // Security filters come after validation and are only ever ANDed: a spec filter can narrow
  // the result further but never widen it back.
  (ctx.lockedFilters ?? []).forEach((f, i) => {
    const path = `/lockedFilters/${i}`;
    filters.push(planFilter(validateFilterShape(f, path), path, dataset, dimsById, measuresById, now));
  });
  if (ctx.scope !== 'NAT' && dataset.scopeField != null) {
    const scopeDim = dimsById.get(dataset.scopeField);
    if (!scopeDim) throw new CatalogueError(`scopeField inconnu dans ${dataset.id}`);
    filters.push({ dimension: scopeDim, op: 'eq', values: [ctx.scope] });
  }

  const sort = planSort(spec, dataset, dimensions, measures, dimsById, measuresById);

  const defaultLimit = options.defaultLimit ?? 1000;
  const requested =
    spec.limit === undefined ? defaultLimit : checkLimit(spec.limit, 'limit', 1, Number.MAX_SAFE_INTEGER);
  const limit = Math.min(requested, options.maxLimit);
  const offset = spec.offset === undefined ? 0 : checkLimit(spec.offset, 'offset', 0, MAX_OFFSET);

  const subtotalLevels = planSubtotals(spec.subtotals ?? [], dimIds, dataset, dimsById);
  const acrossCount = planTotalsAcross(spec, dimIds, dataset, dimsById);

  let topN: QueryPlan['topN'] = null;
  if (spec.topN) {
    const n = spec.topN.n;
    if (!Number.isSafeInteger(n) || n < 1 || n > MAX_TOP_N) {
      throw new SpecError('SPEC_BAD_TOPN', '/topN/n', {
        reason: `n doit être un entier entre 1 et ${MAX_TOP_N}`,
      });
    }
    if (dimensions.length === 0 || measures.length === 0) {
      throw new SpecError('SPEC_BAD_TOPN', '/topN', {
        reason: 'il faut au moins une dimension et une mesure',
      });
    }
    topN = { n, others: spec.topN.others === true };
  }

  return {
    dataset,
    dimensions,
    measures,
    filters,
    sort,
    limit,
    offset,
    limitCapped: requested > options.maxLimit,
    totals: spec.totals === true,
    subtotalLevels,
    acrossCount,
    topN,
    measureOf: (id) => measuresById.get(id),
  };
}

function planSort(
  spec: QuerySpec,
  dataset: DatasetDefinition,
  dimensions: readonly DimensionDefinition[],
  measures: readonly MeasureDefinition[],
  dimsById: ReadonlyMap<string, DimensionDefinition>,
  measuresById: ReadonlyMap<string, MeasureDefinition>,
): SortKey[] {
  const keyOf = (field: string, dir: 'asc' | 'desc'): SortKey | null => {
    const d = dimensions.findIndex((x) => x.id === field);
    if (d >= 0) return { kind: 'dimension', index: d, dir };
    const m = measures.findIndex((x) => x.id === field);
    if (m >= 0) return { kind: 'measure', index: m, dir };
    return null;
  };

  const keys: SortKey[] = [];
  if (spec.sort && spec.sort.length > 0) {
    spec.sort.forEach((s, i) => {
      const key = keyOf(s.field, s.dir);
      if (!key) {
        if (dimsById.has(s.field) || measuresById.has(s.field)) {
          throw new SpecError('SPEC_BAD_SORT', `/sort/${i}/field`, {
            field: s.field,
            reason: 'le champ doit faire partie des dimensions ou mesures demandées',
          });
        }
        throw new SpecError('SPEC_UNKNOWN_FIELD', `/sort/${i}/field`, {
          field: s.field,
          dataset: dataset.id,
        });
      }
      if (keys.some((k) => k.kind === key.kind && k.index === key.index)) {
        throw new SpecError('SPEC_BAD_SORT', `/sort/${i}/field`, {
          field: s.field,
          reason: 'champ trié deux fois',
        });
      }
      keys.push(key);
    });
  } else {
    for (const s of dataset.defaultSort ?? []) {
      const key = keyOf(s.field, s.dir);
      if (key && !keys.some((k) => k.kind === key.kind && k.index === key.index)) keys.push(key);
    }
    if (keys.length === 0) {
      keys.push(
        measures.length > 0
          ? { kind: 'measure', index: 0, dir: 'desc' }
          : { kind: 'dimension', index: 0, dir: 'asc' },
      );
    }
  }
  // Deterministic tie-break: every remaining dimension ascending, then the labels, so that
  // both engines (and two pages of the same query) agree on the order.
  dimensions.forEach((_d, index) => {
    if (!keys.some((k) => k.kind === 'dimension' && k.index === index))
      keys.push({ kind: 'dimension', index, dir: 'asc' });
  });
  dimensions.forEach((d, index) => {
    if (d.labelColumn) keys.push({ kind: 'label', index, dir: 'asc' });
  });
  return keys;
}

function planTotalsAcross(
  spec: QuerySpec,
  dimIds: readonly string[],
  dataset: DatasetDefinition,
  dimsById: ReadonlyMap<string, DimensionDefinition>,
): number {
  const across = spec.totalsAcross ?? [];
  across.forEach((field, i) => {
    const path = `/totalsAcross/${i}`;
    if (!dimsById.has(field)) throw new SpecError('SPEC_UNKNOWN_FIELD', path, { field, dataset: dataset.id });
    if (dimIds[i] !== field) {
      throw new SpecError('SPEC_BAD_SUBTOTALS', path, {
        reason: 'les totaux en colonnes portent sur les premières dimensions, dans leur ordre',
        field,
      });
    }
  });
  if (across.length > 0 && across.length >= dimIds.length) {
    throw new SpecError('SPEC_BAD_SUBTOTALS', '/totalsAcross', {
      reason: 'il faut au moins une dimension en lignes après celles totalisées en colonnes',
      field: across[across.length - 1] as string,
    });
  }
  if (across.length > 0 && spec.topN) {
    throw new SpecError('SPEC_BAD_SUBTOTALS', '/totalsAcross', {
      reason: 'les totaux en colonnes ne se combinent pas avec « top N »',
      field: across[0] as string,
    });
  }
  return across.length;
}

function planSubtotals(
  subtotals: readonly string[],
  dimIds: readonly string[],
  dataset: DatasetDefinition,
  dimsById: ReadonlyMap<string, DimensionDefinition>,
): number[] {
  const levels: number[] = [];
  subtotals.forEach((field, i) => {
    const path = `/subtotals/${i}`;
    if (!dimsById.has(field)) throw new SpecError('SPEC_UNKNOWN_FIELD', path, { field, dataset: dataset.id });
    if (dimIds[i] !== field) {
      throw new SpecError('SPEC_BAD_SUBTOTALS', path, {
        reason: 'les sous-totaux doivent suivre l’ordre des dimensions, en commençant par la première',
        field,
      });
    }
    // A subtotal on the last dimension is the detail level itself: nothing to add.
    if (i + 1 < dimIds.length) levels.push(i + 1);
  });
  return levels.sort((a, b) => b - a);
}

/**
 * The same plan over another dataset with the same field ids (a pre-aggregation of it): every
 * definition looked up again by id, nothing validated twice.
 */
export function planOnDataset(plan: QueryPlan, dataset: DatasetDefinition): QueryPlan {
  const dimsById = new Map(dataset.dimensions.map((d) => [d.id, d]));
  const measuresById = new Map(dataset.measures.map((m) => [m.id, m]));
  const dimension = (d: DimensionDefinition): DimensionDefinition => {
    const found = dimsById.get(d.id);
    if (!found) throw new CatalogueError(`dimension ${d.id} absente de ${dataset.id} (${dataset.table})`);
    return found;
  };
  const measure = (m: MeasureDefinition): MeasureDefinition => {
    const found = measuresById.get(m.id);
    if (!found) throw new CatalogueError(`mesure ${m.id} absente de ${dataset.id} (${dataset.table})`);
    return found;
  };
  return {
    ...plan,
    dataset,
    dimensions: plan.dimensions.map(dimension),
    measures: plan.measures.map(measure),
    filters: plan.filters.map((f) => ({ ...f, dimension: dimension(f.dimension) })),
    measureOf: (id) => measuresById.get(id),
  };
}
