import {
  ARRAY_LIMITS,
  type DatasetDefinition,
  type FilterSpec,
  fieldValuesSchema,
  referenceValuesSchema,
} from '@dataetat/widgets';
import Type from 'typebox';
import { securityContextOf } from '../auth/context.ts';
import { referenceCatalogue } from '../catalogue/reference.ts';
import { AppError } from '../errors.ts';
import type { ApiPlugin } from '../plugins/contracts.ts';
import {
  closestValues,
  DEFAULT_VALUES_LIMIT,
  fieldValues,
  toValues,
  valuesSpec,
} from '../query/field-values.ts';

const valuesQuery = {
  q: Type.Optional(Type.String({ maxLength: 200, description: 'Recherche dans les codes et libellés.' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: DEFAULT_VALUES_LIMIT })),
};
export const valuesQuerySchema = Type.Object(valuesQuery, { additionalProperties: false });

/** Parent codes narrowing a reference list (`?region=53`), by reference dimension id. */
const referenceQuerySchema = Type.Object(
  {
    ...valuesQuery,
    region: Type.Optional(Type.String({ maxLength: 3 })),
    departement: Type.Optional(Type.String({ maxLength: 3 })),
    epci: Type.Optional(Type.String({ maxLength: 9 })),
    commune: Type.Optional(Type.String({ maxLength: 5 })),
    theme: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);

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
          'Codes et libellés d’un référentiel (régions, départements, EPCI, communes, quartiers prioritaires, programmes…), filtrables par leur parent (?region=53, ?commune=31555).',
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
      const { values, truncated } = closestValues(toValues(result), request.query, result.truncated);
      return { kind: reference.id, values: values.map(({ value, label }) => ({ value, label })), truncated };
    },
  );
};
