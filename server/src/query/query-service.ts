import {
  type Catalogue,
  type CompiledQuery,
  compileQuery,
  type QueryResult,
  type QuerySpec,
  type SecurityContext,
  shapeResult,
} from '@dataetat/widgets';
import { AppError } from '../errors.ts';
import { QueryCancelledError, QueryTimeoutError, type Warehouse } from '../warehouse/types.ts';
import type { DataVersions } from './data-versions.ts';
import { cacheKey, type ResultCache } from './result-cache.ts';
import { type RollupRoutes, type RollupTarget, routeToRollup, zeroEmptyCounts } from './rollups.ts';

export interface QueryServiceOptions {
  readonly catalogue: Catalogue;
  readonly warehouse: Warehouse;
  readonly versions: DataVersions;
  readonly cache: ResultCache;
  readonly maxRows: number;
  readonly timeoutMs: number;
  /** Pre-aggregations specs are routed to when they answer them exactly; none when absent. */
  readonly rollups?: RollupRoutes;
}

/** One engine execution shared by identical concurrent queries. */
interface SharedExecution {
  readonly result: Promise<QueryResult>;
  /** Aborts the engine query; only when every waiter has gone. */
  readonly abort: AbortController;
  /** Requests still waiting; one that cannot leave (no signal) keeps the query alive. */
  waiters: number;
}

/**
 * spec → compiled SQL (pure compiler, security context appended) → cache or engine → shaped
 * result with provenance. Identical concurrent queries share one engine execution, cancelled
 * only when all of them have gone (a closed tab must not break the same dashboard for others).
 */
export class QueryService {
  private readonly inFlight = new Map<string, SharedExecution>();

  constructor(private readonly options: QueryServiceOptions) {}

  compile(spec: unknown, context: SecurityContext): CompiledQuery {
    return compileQuery(spec, this.options.catalogue, context, {
      dialect: this.options.warehouse.dialect,
      maxLimit: this.options.maxRows,
    });
  }

  async run(spec: unknown, context: SecurityContext, signal?: AbortSignal): Promise<QueryResult> {
    let compiled = this.compile(spec, context);
    // The compiler accepted the spec, so its dataset exists in the catalogue and it is a QuerySpec.
    const datasetId = (spec as QuerySpec).dataset;
    const rollup = this.options.rollups
      ? routeToRollup(spec as QuerySpec, context, this.options.catalogue, this.options.rollups)
      : null;
    if (rollup) {
      // Same spec against the rollup's definition: another table, hence another cache key.
      compiled = compileQuery(spec, rollup.catalogue, context, {
        dialect: this.options.warehouse.dialect,
        maxLimit: this.options.maxRows,
      });
    }
    const dataset = this.options.catalogue.get(datasetId);
    const load = this.options.versions.get(datasetId);
    if (!dataset || !load) throw new AppError('DATA_NOT_LOADED', { id: datasetId });
    const dataVersion = `${dataset.id}@${load.id}`;
    const key = cacheKey({
      engine: this.options.warehouse.dialect,
      sql: compiled.sql,
      params: compiled.params,
      dataVersion,
    });

    const cached = await this.options.cache.get(key);
    if (cached) return { ...cached, meta: { ...cached.meta, cached: true } };

    let shared = this.inFlight.get(key);
    if (!shared) {
      const abort = new AbortController();
      const result = this.execute(compiled, abort.signal, rollup).then(async (shaped) => {
        const result: QueryResult = {
          ...shaped,
          meta: {
            ...shaped.meta,
            dataVersion,
            source: dataset.source.name,
            updatedAt: load.finishedAt?.toISOString() ?? null,
            demo: dataset.demo,
            engine: this.options.warehouse.dialect,
            ...(rollup && { rollup: rollup.definition.table }),
          },
        };
        await this.options.cache.set(key, result);
        return result;
      });
      const execution: SharedExecution = { result, abort, waiters: 0 };
      shared = execution;
      this.inFlight.set(key, execution);
      // Settled: the next identical query reads the cache or runs again.
      const forget = () => this.forget(key, execution);
      result.then(forget, forget);
    }
    return this.join(key, shared, signal);
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

  private async execute(
    compiled: CompiledQuery,
    signal: AbortSignal,
    rollup: RollupTarget | null,
  ): Promise<
    Pick<QueryResult, 'columns' | 'rows' | 'totals'> & {
      meta: Pick<QueryResult['meta'], 'rowCount' | 'truncated' | 'cached' | 'engineMs'>;
    }
  > {
    const started = performance.now();
    try {
      const raw = await this.options.warehouse.query(compiled.sql, compiled.params, {
        timeoutMs: this.options.timeoutMs,
        signal,
      });
      const engineMs = Math.round((performance.now() - started) * 10) / 10;
      const shaped = rollup
        ? zeroEmptyCounts(shapeResult(compiled, raw.rows), rollup.countMeasures)
        : shapeResult(compiled, raw.rows);
      return {
        columns: shaped.columns,
        rows: shaped.rows,
        totals: shaped.totals,
        meta: { rowCount: shaped.rowCount, truncated: shaped.truncated, cached: false, engineMs },
      };
    } catch (error) {
      if (error instanceof QueryTimeoutError)
        throw new AppError('QUERY_TIMEOUT', { timeoutMs: error.timeoutMs });
      if (error instanceof QueryCancelledError) throw new AppError('QUERY_CANCELLED');
      throw error;
    }
  }
}
