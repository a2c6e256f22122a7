import type { FastifyPluginAsync } from 'fastify';
import { describeDataset } from '../catalogue/describe.ts';
import { AppError } from '../errors.ts';

export const datasetRoutes: FastifyPluginAsync = async (app) => {
  app.get('/datasets', async () => {
    const { catalogue, versions } = app.services;
    return { datasets: [...catalogue.values()].map((d) => describeDataset(d, versions.get(d.id))) };
  });

  app.get<{ Params: { id: string } }>(
    '/datasets/:id',
    {
      schema: {
        params: { type: 'object', properties: { id: { type: 'string', maxLength: 100 } }, required: ['id'] },
      },
    },
    async (request) => {
      const { catalogue, versions } = app.services;
      const dataset = catalogue.get(request.params.id);
      if (!dataset) throw new AppError('DATASET_NOT_FOUND', { id: request.params.id });
      return describeDataset(dataset, versions.get(dataset.id));
    },
  );
};
