import { ARRAY_LIMITS, type DatasetDefinition, type FilterSpec, type QuerySpec } from '@dataetat/widgets';
import type { FastifyPluginAsync } from 'fastify';
import { securityContextOf } from '../auth/context.ts';
import { referenceCatalogue } from '../catalogue/reference.ts';
import { AppError } from '../errors.ts';

interface ValuesQuery {
  q?: string;
  limit?: number;
}

const valuesQuerySchema = {
  type: 'object',
  properties: {
    q: { type: 'string', maxLength: 200 },
    limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
  },
  additionalProperties: false,
} as const;

/** Distinct values of one field, most frequent first, through the compiler (scope applies). */
function valuesSpec(
  dataset: DatasetDefinition,
  field: string,
  query: ValuesQuery,
  filters: FilterSpec[],
): QuerySpec {
  const count = dataset.measures.find((m) => m.aggregate.kind === 'count');
  const search = query.q?.trim();
  return {
    dataset: dataset.id,
    dimensions: [field],
    measures: count ? [count.id] : [],
    filters: [...filters, ...(search ? [{ field, op: 'contains' as const, values: [search] }] : [])],
    sort: count ? [{ field: count.id, dir: 'desc' }] : [{ field, dir: 'asc' }],
    limit: query.limit ?? 50,
  };
}

function toValues(result: {
  columns: readonly { id: string; role: string }[];
  rows: readonly (readonly unknown[])[];
}) {
  const labelIndex = result.columns.findIndex((c) => c.role === 'label');
  const countIndex = result.columns.findIndex((c) => c.role === 'measure');
  return result.rows.map((row) => ({
    value: row[0],
    label: labelIndex >= 0 ? (row[labelIndex] ?? null) : null,
    count: countIndex >= 0 ? row[countIndex] : null,
  }));
}

export const valuesRoutes: FastifyPluginAsync = async (app) => {
  app.get<{ Params: { id: string; field: string }; Querystring: ValuesQuery }>(
    '/datasets/:id/values/:field',
    { config: { access: 'lecteur' }, schema: { querystring: valuesQuerySchema } },
    async (request) => {
      const dataset = app.services.catalogue.get(request.params.id);
      if (!dataset) throw new AppError('DATASET_NOT_FOUND', { id: request.params.id });
      const spec = valuesSpec(dataset, request.params.field, request.query, []);
      // The caller's territory applies: a Bretagne user only sees Bretagne's values.
      const result = await app.services.queries.run(spec, securityContextOf(request));
      return { field: request.params.field, values: toValues(result), truncated: result.meta.truncated };
    },
  );

  // Reference pickers: /api/reference/departements?region=53&q=ille
  app.get<{
    Params: { kind: string };
    Querystring: ValuesQuery & Record<string, string | number | undefined>;
  }>(
    '/reference/:kind',
    {
      config: { access: 'lecteur' },
      schema: {
        querystring: {
          ...valuesQuerySchema,
          properties: {
            ...valuesQuerySchema.properties,
            region: { type: 'string', maxLength: 3 },
            departement: { type: 'string', maxLength: 3 },
            epci: { type: 'string', maxLength: 9 },
            theme: { type: 'string', maxLength: 200 },
          },
        },
      },
    },
    async (request) => {
      const reference = referenceCatalogue.get(request.params.kind);
      if (!reference) {
        throw new AppError('REFERENCE_NOT_FOUND', {
          kind: request.params.kind,
          known: [...referenceCatalogue.keys()].join(', '),
        });
      }
      const parents: FilterSpec[] = [];
      for (const dimension of reference.dimensions.slice(1)) {
        const value = request.query[dimension.id];
        if (typeof value === 'string' && value)
          parents.push({ field: dimension.id, op: 'eq', values: [value] });
      }
      const { queries } = app.services;
      // An EPCI has no région column (a few cross a border): those with a commune in the région.
      const region = request.query.region;
      if (reference.id === 'epci' && typeof region === 'string' && region) {
        const communes = referenceCatalogue.get('communes') as DatasetDefinition;
        const byRegion = valuesSpec(communes, 'epci', { limit: ARRAY_LIMITS.filterValues }, [
          { field: 'region', op: 'eq', values: [region] },
          { field: 'epci', op: 'not_null' },
        ]);
        const { compiled } = queries.planQuery(byRegion, securityContextOf(request), {
          catalogue: referenceCatalogue,
        });
        const codes = toValues(await queries.runCompiled(compiled)).map((v) => String(v.value));
        if (codes.length === 0) return { kind: reference.id, values: [], truncated: false };
        parents.push({ field: 'code', op: 'in', values: codes });
      }
      const spec = {
        ...valuesSpec(reference, 'code', request.query, parents),
        sort: [{ field: 'code', dir: 'asc' as const }],
      };
      // Reference tables are tiny and public: run like any query, not worth caching.
      const { compiled } = queries.planQuery(spec, securityContextOf(request), {
        catalogue: referenceCatalogue,
      });
      const result = await queries.runCompiled(compiled);
      return {
        kind: reference.id,
        values: toValues(result).map(({ value, label }) => ({ value, label })),
        truncated: result.truncated,
      };
    },
  );
};
