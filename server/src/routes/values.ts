import {
  ARRAY_LIMITS,
  type Cell,
  type DatasetDefinition,
  type FilterSpec,
  fieldValuesSchema,
  type QuerySpec,
  referenceValuesSchema,
  type SecurityContext,
} from '@dataetat/widgets';
import Type, { type Static } from 'typebox';
import { securityContextOf } from '../auth/context.ts';
import { referenceCatalogue } from '../catalogue/reference.ts';
import { AppError } from '../errors.ts';
import type { ApiPlugin } from '../plugins/contracts.ts';
import type { Services } from '../services.ts';

const DEFAULT_LIMIT = 50;

const valuesQuery = {
  q: Type.Optional(Type.String({ maxLength: 200, description: 'Recherche dans les codes et libellés.' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: DEFAULT_LIMIT })),
};
export const valuesQuerySchema = Type.Object(valuesQuery, { additionalProperties: false });
export type ValuesQuery = Static<typeof valuesQuerySchema>;

/** Parent codes narrowing a reference list (`?region=53`), by reference dimension id. */
const referenceQuerySchema = Type.Object(
  {
    ...valuesQuery,
    region: Type.Optional(Type.String({ maxLength: 3 })),
    departement: Type.Optional(Type.String({ maxLength: 3 })),
    epci: Type.Optional(Type.String({ maxLength: 9 })),
    theme: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);

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
    limit: query.limit ?? DEFAULT_LIMIT,
  };
}

function toValues(result: {
  columns: readonly { id: string; role: string }[];
  rows: readonly (readonly Cell[])[];
}) {
  const labelIndex = result.columns.findIndex((c) => c.role === 'label');
  const countIndex = result.columns.findIndex((c) => c.role === 'measure');
  const at = (row: readonly Cell[], index: number) => (index >= 0 ? (row[index] ?? null) : null);
  return result.rows.map((row) => {
    const label = at(row, labelIndex);
    const count = at(row, countIndex);
    return {
      value: row[0] ?? null,
      label: label === null ? null : String(label),
      count: count === null ? null : Number(count),
    };
  });
}

/**
 * The distinct values of `field` in `datasetId`, under `context` (a caller's territory, a
 * grant's locked filters) and narrowed by `filters`: the answer of the filter pickers.
 */
export async function fieldValues(
  services: Pick<Services, 'catalogue' | 'queries'>,
  request: { datasetId: string; field: string; query: ValuesQuery },
  context: SecurityContext,
  filters: FilterSpec[] = [],
) {
  const dataset = services.catalogue.get(request.datasetId);
  if (!dataset) throw new AppError('DATASET_NOT_FOUND', { id: request.datasetId });
  const spec = valuesSpec(dataset, request.field, request.query, filters);
  const result = await services.queries.run(spec, context);
  return { field: request.field, values: toValues(result), truncated: result.meta.truncated };
}

export const valuesRoutes: ApiPlugin = async (app) => {
  app.get(
    '/datasets/:id/values/:field',
    {
      config: { access: 'lecteur' },
      schema: {
        tags: ['Données'],
        summary: 'Valeurs d’un champ',
        description:
          'Les valeurs distinctes d’une dimension, les plus fréquentes d’abord, dans le territoire de la personne connectée (listes de filtres).',
        params: Type.Object({ id: Type.String({ maxLength: 100 }), field: Type.String({ maxLength: 200 }) }),
        querystring: valuesQuerySchema,
        response: { 200: fieldValuesSchema },
      },
    },
    // The caller's territory applies: a Bretagne user only sees Bretagne's values.
    async (request) =>
      fieldValues(
        app.services,
        { datasetId: request.params.id, field: request.params.field, query: request.query },
        securityContextOf(request),
      ),
  );

  // Reference pickers: /api/reference/departements?region=53&q=ille
  app.get(
    '/reference/:kind',
    {
      config: { access: 'lecteur' },
      schema: {
        tags: ['Données'],
        summary: 'Référentiel territorial ou budgétaire',
        description:
          'Codes et libellés d’un référentiel (régions, départements, EPCI, communes, programmes…), filtrables par leur parent (?region=53).',
        params: Type.Object({ kind: Type.String({ maxLength: 100 }) }),
        querystring: referenceQuerySchema,
        response: { 200: referenceValuesSchema },
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
        const value = (request.query as Record<string, unknown>)[dimension.id];
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
