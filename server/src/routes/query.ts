import { compileQuery, type QueryResult, type SecurityContext, shapeResult } from '@dataetat/widgets';
import type { FastifyPluginAsync } from 'fastify';
import { AppError } from '../errors.ts';
import { QueryCancelledError, QueryTimeoutError } from '../warehouse/types.ts';

/** Until accounts exist (identity issue) every caller has the national scope. */
const NATIONAL: SecurityContext = { scope: 'NAT' };

export const queryRoutes: FastifyPluginAsync = async (app) => {
  app.post(
    '/query',
    { schema: { body: { type: 'object' } } },
    async (request, reply): Promise<QueryResult> => {
      const { catalogue, warehouse, loads, settings } = app.services;
      // Validation, catalogue resolution and security filters all happen in the pure compiler.
      const compiled = compileQuery(request.body, catalogue, NATIONAL, {
        dialect: warehouse.dialect,
        maxLimit: settings.maxQueryRows,
      });
      const dataset = catalogue.get((request.body as { dataset: string }).dataset);
      if (!dataset)
        throw new AppError('DATASET_NOT_FOUND', {
          id: String((request.body as { dataset: unknown }).dataset),
        });
      const load = await loads.lastSuccess(dataset.id);
      if (!load) throw new AppError('DATA_NOT_LOADED', { id: dataset.id });

      // A client that goes away cancels its engine query.
      const abort = new AbortController();
      const onClose = () => {
        if (!reply.raw.writableEnded) abort.abort();
      };
      request.raw.once('close', onClose);
      const started = performance.now();
      try {
        const raw = await warehouse.query(compiled.sql, compiled.params, {
          timeoutMs: settings.queryTimeoutMs,
          signal: abort.signal,
        });
        const engineMs = Math.round((performance.now() - started) * 10) / 10;
        const shaped = shapeResult(compiled, raw.rows);
        return {
          columns: shaped.columns,
          rows: shaped.rows,
          totals: shaped.totals,
          meta: {
            rowCount: shaped.rowCount,
            truncated: shaped.truncated,
            cached: false,
            engineMs,
            dataVersion: `${dataset.id}@${load.id}`,
            source: dataset.source.name,
            updatedAt: load.finishedAt?.toISOString() ?? null,
            demo: dataset.demo,
            engine: warehouse.dialect,
          },
        };
      } catch (error) {
        if (error instanceof QueryTimeoutError)
          throw new AppError('QUERY_TIMEOUT', { timeoutMs: error.timeoutMs });
        if (error instanceof QueryCancelledError) throw new AppError('QUERY_CANCELLED');
        throw error;
      } finally {
        request.raw.off('close', onClose);
      }
    },
  );
};
