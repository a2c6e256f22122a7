import type { DatasetDefinition } from '@dataetat/widgets';
import type { FastifyPluginAsync } from 'fastify';
import { describeDataset } from '../catalogue/describe.ts';
import { yearsCovered } from '../catalogue/period.ts';
import { AppError } from '../errors.ts';

export const datasetRoutes: FastifyPluginAsync = async (app) => {
  // A dataset whose data is not loaded yet simply has no known period.
  const yearsOf = (dataset: DatasetDefinition) =>
    app.services.versions.get(dataset.id) ? yearsCovered(dataset, app.services.queries) : Promise.resolve([]);
  app.get('/datasets', { config: { access: 'lecteur' } }, async () => {
    const { catalogue, versions } = app.services;
    const datasets = await Promise.all(
      [...catalogue.values()].map(async (d) => describeDataset(d, versions.get(d.id), await yearsOf(d))),
    );
    return { datasets };
  });

  app.get<{ Params: { id: string } }>(
    '/datasets/:id',
    {
      config: { access: 'lecteur' },
      schema: {
        params: { type: 'object', properties: { id: { type: 'string', maxLength: 100 } }, required: ['id'] },
      },
    },
    async (request) => {
      const { catalogue, versions } = app.services;
      const dataset = catalogue.get(request.params.id);
      if (!dataset) throw new AppError('DATASET_NOT_FOUND', { id: request.params.id });
      return describeDataset(dataset, versions.get(dataset.id), await yearsOf(dataset));
    },
  );
};
