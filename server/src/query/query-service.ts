import {
  type Catalogue,
  type CompiledQuery,
  type PlannedQuery,
  planOnDataset,
  planQuery,
  type QueryPlan,
  type QueryResult,
  renderQuery,
  type SecurityContext,
  type ShapedResult,
  shapeSteps,
} from '@dataetat/widgets';
import { LRUCache } from 'lru-cache';
import { AppError } from '../errors.ts';
import type { QueryObserver } from '../metrics/metrics.ts';
import { QueryCancelledError, QueryTimeoutError, type Warehouse } from '../warehouse/types.ts';
import { Deadline, runSteps } from './budget.ts';
import type { DataVersions } from './data-versions.ts';
import { cacheKey, type ResultCache } from './result-cache.ts';
import { type RollupRoutes, type RollupTarget, routeToRollup, zeroEmptyCounts } from './rollups.ts';

export interface QueryServiceOptions {
  readonly catalogue: Catalogue;
  readonly warehouse: Warehouse;
  readonly versions: DataVersions;
  readonly cache: ResultCache;
  readonly maxRows: number;
  /** Budget of one request: engine, shaping and serialisation together. */
  readonly timeoutMs: number;
  /** Pre-aggregations specs are routed to when they answer them exactly; none when absent. */
  readonly rollups?: RollupRoutes;
  /**
   * Whether the lines a plan reads include demo ones (catalogue/composition.ts); the dataset's
   * static `demo` flag when absent.
   */
  readonly demoOf?: (plan: QueryPlan) => boolean;
  /** Told each engine time and cache lookup (the `/metrics` figures). */
  readonly observer?: QueryObserver;
}

export interface RunOptions {
  /** Aborted when the client went away. */
  readonly signal?: AbortSignal;
  /** The request's budget, started when it arrived; a fresh one of `timeoutMs` when absent. */
  readonly deadline?: Deadline;
}

/** What a caller of `runCompiled` gets: the shaped rows and the engine's own time. */
export interface CompiledResult extends ShapedResult {
  readonly engineMs: number;
}

export interface PlanOptions {
  /** Another catalogue (the reference tables); never routed to a rollup. */
  readonly catalogue?: Catalogue;
  /** Row cap of the caller (exports have their own); default: the service's `maxRows`. */
  readonly maxLimit?: number;
  /** False keeps the base table (exports read pages of it); default: route to a rollup. */
  readonly rollups?: boolean;
  /** Reference date of relative filters; default: now. */
  readonly now?: Date;
}

/** A planned query and the table it runs on (the base table or a rollup answering it exactly). */
export interface RoutedQuery extends PlannedQuery {
  readonly rollup: RollupTarget | null;
  readonly compiled: CompiledQuery;
}

/** A query ready to answer: where its result is cached, and what to run when it is not. */
export interface PreparedQuery {
  readonly key: string;
  readonly routed: RoutedQuery;
  readonly dataVersion: string;
  readonly dataset: NonNullable<ReturnType<Catalogue['get']>>;
  readonly load: NonNullable<ReturnType<DataVersions['get']>>;
}

/** A memoised plan and the last cache key made from it (one per data version). */
interface PlanMemo {
  readonly routed: RoutedQuery;
  lastKey: { readonly dataVersion: string; readonly key: string } | null;
}

/** Specs longer than this (JSON) are planned every time: the memo keeps small dashboard specs. */
const MEMO_SPEC_CHARS = 4_096;

/** One engine execution shared by identical concurrent queries. */
interface SharedExecution {
  readonly result: Promise<QueryResult>;
  /** Aborts the engine query; only when every waiter has gone. */
  readonly abort: AbortController;
  /** Requests still waiting; one that cannot leave (no signal) keeps the query alive. */
  waiters: number;
}

/**
 * spec → plan (validated once) → table (base or rollup) → SQL rendered once → cache or engine
 * → shaped result with provenance. Every query of the server runs through `runCompiled`, so a
 * timeout is a 504 and a departure a 499 everywhere. Identical concurrent queries share one
 * engine execution, cancelled only when all of them have gone (a closed tab must not break the
 * same dashboard for others).
 */
export class QueryService {
  private readonly inFlight = new Map<string, SharedExecution>();
  /**
   * Plans of recent (spec, security context, year) triples: a dashboard asking the same query
   * again skips validation, planning, SQL rendering and hashing. The whole context is part of
   * the key (scope, locked filters), and the year because relative filters depend on it. The
   * catalogue does not change while the server runs; the rollup routes do (`useRollups`), and
   * forget every memoised plan when they do.
   */
  private readonly plans = new LRUCache<string, PlanMemo>({ max: 2_000 });
  private rollups: RollupRoutes | undefined;
  /** The « cached » view of each cache entry, one object per entry, so its encoded bytes can be kept. */
  private readonly cachedViews = new WeakMap<QueryResult, QueryResult>();

  constructor(private readonly options: QueryServiceOptions) {
    this.rollups = options.rollups;
  }

  /**
   * Routes specs to these rollups from now on: a pre-aggregation built after start (a background
   * first load, an import, tags re-applied) is used without a restart. Plans made with the old
   * routes are forgotten.
   */
  useRollups(routes: RollupRoutes): void {
    this.rollups = routes;
    this.plans.clear();
  }

  /** Validates and plans `spec` once (SpecError → 400), routes it to a rollup when one answers it, renders its SQL. */
  planQuery(spec: unknown, context: SecurityContext, options: PlanOptions = {}): RoutedQuery {
    const planned = planQuery(spec, options.catalogue ?? this.options.catalogue, context, {
      maxLimit: options.maxLimit ?? this.options.maxRows,
      ...(options.now && { now: options.now }),
    });
    const rollup =
      this.rollups && !options.catalogue && options.rollups !== false
        ? routeToRollup(planned.plan, this.rollups)
        : null;
    const plan = rollup ? planOnDataset(planned.plan, rollup.dataset) : planned.plan;
    return { ...planned, rollup, compiled: this.render(plan) };
  }

  /** Whether the lines `plan` reads include demo ones (the « données de démonstration » badge). */
  demoOf(plan: QueryPlan): boolean {
    return this.options.demoOf ? this.options.demoOf(plan) : plan.dataset.demo;
  }

  /** A plan's SQL in the warehouse's dialect. */
  render(plan: QueryPlan): CompiledQuery {
    return renderQuery(plan, this.options.warehouse.dialect);
  }

  /**
   * Runs compiled SQL on the engine and shapes its rows, within the request's budget: engine
   * timeout or shaping past the deadline → 504 `QUERY_TIMEOUT`, abort → 499 `QUERY_CANCELLED`.
   */
  async runCompiled(compiled: CompiledQuery, options: RunOptions = {}): Promise<CompiledResult> {
    const deadline = options.deadline ?? new Deadline(this.options.timeoutMs);
    const { signal } = options;
    const started = performance.now();
    try {
      const raw = await this.options.warehouse.query(compiled.sql, compiled.params, {
        timeoutMs: deadline.remainingMs(),
        ...(signal && { signal }),
      });
      const engineMs = Math.round((performance.now() - started) * 10) / 10;
      const shaped = await runSteps(shapeSteps(compiled, raw.rows), { deadline, ...(signal && { signal }) });
      return { ...shaped, engineMs };
    } catch (error) {
      if (error instanceof QueryTimeoutError)
        throw new AppError('QUERY_TIMEOUT', { timeoutMs: deadline.timeoutMs });
      if (error instanceof QueryCancelledError) throw new AppError('QUERY_CANCELLED');
      throw error;
    }
  }

  /**
   * Plans `spec` under `context` (memoised) and finds its cache key: SpecError → 400, a dataset
   * without a successful load → DATA_NOT_LOADED (DATA_NOT_IMPORTED when only imports feed it).
   */
  prepare(spec: unknown, context: SecurityContext): PreparedQuery {
    const now = new Date();
    const memoKey = planMemoKey(spec, context, now);
    let memo = memoKey === null ? undefined : this.plans.get(memoKey);
    if (!memo) {
      memo = { routed: this.planQuery(spec, context, { now }), lastKey: null };
      if (memoKey !== null) this.plans.set(memoKey, memo);
    }
    const { routed } = memo;
    const dataset = this.options.catalogue.get(routed.spec.dataset);
    const load = this.options.versions.get(routed.spec.dataset);
    if (dataset?.importedOnly && !load) throw new AppError('DATA_NOT_IMPORTED', { title: dataset.title });
    if (!dataset || !load) throw new AppError('DATA_NOT_LOADED', { id: routed.spec.dataset });
    // The load's start too: two metadata stores (staging and production, or two test runs) number
    // their loads alike, and a Redis they share must not serve one's results to the other.
    const dataVersion = `${dataset.id}@${load.id}.${load.startedAt.getTime().toString(36)}`;
    if (memo.lastKey?.dataVersion !== dataVersion) {
      const key = cacheKey({
        engine: this.options.warehouse.dialect,
        sql: routed.compiled.sql,
        params: routed.compiled.params,
        dataVersion,
      });
      memo.lastKey = { dataVersion, key };
    }
    return { key: memo.lastKey.key, routed, dataVersion, dataset, load };
  }

  /**
   * The cached answer of a prepared query, or undefined. The same entry always gives the same
   * object (`meta.cached` true), so a caller may keep its serialised bytes beside it.
   */
  async lookup(prepared: PreparedQuery): Promise<QueryResult | undefined> {
    const entry = await this.options.cache.get(prepared.key);
    this.options.observer?.cacheLookup(entry !== undefined);
    if (!entry) return undefined;
    let view = this.cachedViews.get(entry);
    if (!view) {
      view = { ...entry, meta: { ...entry.meta, cached: true } };
      this.cachedViews.set(entry, view);
    }
    return view;
  }

  async run(spec: unknown, context: SecurityContext, options: RunOptions = {}): Promise<QueryResult> {
    const prepared = this.prepare(spec, context);
    return (await this.lookup(prepared)) ?? this.execute(prepared, options);
  }

  /** Runs a prepared query on the engine (shared with identical ones in flight) and caches it. */
  execute(prepared: PreparedQuery, options: RunOptions = {}): Promise<QueryResult> {
    const { key, dataVersion, dataset, load } = prepared;
    const { rollup, compiled } = prepared.routed;
    let shared = this.inFlight.get(key);
    if (!shared) {
      const abort = new AbortController();
      const deadline = options.deadline ?? new Deadline(this.options.timeoutMs);
      const result = this.executeShaped(compiled, rollup, { signal: abort.signal, deadline }).then(
        async (shaped) => {
          const result: QueryResult = {
            ...shaped,
            meta: {
              ...shaped.meta,
              dataVersion,
              source: dataset.source.name,
              datasetTitle: dataset.title,
              updatedAt: load.finishedAt?.toISOString() ?? null,
              demo: this.demoOf(prepared.routed.plan),
              engine: this.options.warehouse.dialect,
              ...(rollup && { rollup: rollup.definition.table }),
            },
          };
          await this.options.cache.set(key, result);
          return result;
        },
      );
      const execution: SharedExecution = { result, abort, waiters: 0 };
      shared = execution;
      this.inFlight.set(key, execution);
      // Settled: the next identical query reads the cache or runs again.
      const forget = () => this.forget(key, execution);
      result.then(forget, forget);
    }
    return this.join(key, shared, options.signal);
  }

  private forget(key: string, execution: SharedExecution): void {
    if (this.inFlight.get(key) === execution) this.inFlight.delete(key);
  }

  /** Waits for a shared execution; a waiter that leaves gets its own cancellation. */
  private join(key: string, shared: SharedExecution, signal: AbortSignal | undefined): Promise<QueryResult> {
    shared.waiters++;
    if (!signal) return shared.result;
    return new Promise<QueryResult>((resolve, reject) => {
      const leave = () => {
        reject(new AppError('QUERY_CANCELLED'));
        shared.waiters--;
        if (shared.waiters > 0) return;
        // Nobody waits any more: stop the engine, and let a later identical query start afresh.
        this.forget(key, shared);
        shared.abort.abort();
      };
      if (signal.aborted) return leave();
      signal.addEventListener('abort', leave, { once: true });
      shared.result.then(
        (result) => {
          signal.removeEventListener('abort', leave);
          resolve(result);
        },
        (error: unknown) => {
          signal.removeEventListener('abort', leave);
          reject(error);
        },
      );
    });
  }

  private async executeShaped(
    compiled: CompiledQuery,
    rollup: RollupTarget | null,
    options: RunOptions,
  ): Promise<
    Pick<QueryResult, 'columns' | 'rows' | 'totals'> & {
      meta: Pick<QueryResult['meta'], 'rowCount' | 'truncated' | 'cached' | 'engineMs'>;
    }
  > {
    const result = await this.runCompiled(compiled, options);
    this.options.observer?.engineTime(result.engineMs, rollup ? 'rollup' : 'lignes');
    const shaped = rollup ? zeroEmptyCounts(result, rollup.countMeasures) : result;
    return {
      columns: shaped.columns,
      rows: shaped.rows,
      totals: shaped.totals,
      meta: {
        rowCount: shaped.rowCount,
        truncated: shaped.truncated,
        cached: false,
        engineMs: result.engineMs,
      },
    };
  }
}

/** Memo key of a spec under a context, or null when the spec is too large to keep. */
function planMemoKey(spec: unknown, context: SecurityContext, now: Date): string | null {
  const json = JSON.stringify(spec);
  if (json === undefined || json.length > MEMO_SPEC_CHARS) return null;
  return `${now.getUTCFullYear()}\0${JSON.stringify(context)}\0${json}`;
}
