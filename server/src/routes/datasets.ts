import { type DatasetDefinition, datasetListSchema, datasetSummarySchema } from '@dataetat/widgets';
import Type from 'typebox';
import { describeDataset } from '../catalogue/describe.ts';
import { yearsCovered } from '../catalogue/period.ts';
import { AppError } from '../errors.ts';
import type { ApiPlugin } from '../plugins/contracts.ts';

export const datasetRoutes: ApiPlugin = async (app) => {
  // A dataset whose data is not loaded yet simply has no known period.
  const yearsOf = (dataset: DatasetDefinition) =>
    app.services.versions.get(dataset.id) ? yearsCovered(dataset, app.services.queries) : Promise.resolve([]);
  const compositionOf = (dataset: DatasetDefinition) => ({
    demo: app.services.compositions.datasetDemo(dataset),
    parts: app.services.compositions.parts(dataset.id),
  });
  app.get(
    '/datasets',
    {
      config: { access: 'lecteur' },
      schema: {
        tags: ['Données'],
        summary: 'Jeux de données',
        description: 'Le catalogue : dimensions, mesures, source, période couverte et fraîcheur.',
        response: { 200: datasetListSchema },
      },
    },
    async () => {
      const { catalogue, versions } = app.services;
      const datasets = await Promise.all(
        [...catalogue.values()].map(async (d) =>
          describeDataset(d, versions.get(d.id), await yearsOf(d), compositionOf(d)),
        ),
      );
      return { datasets };
    },
  );

  app.get(
    '/datasets/:id',
    {
      config: { access: 'lecteur' },
      schema: {
        tags: ['Données'],
        summary: 'Un jeu de données',
        params: Type.Object({ id: Type.String({ maxLength: 100 }) }),
        response: { 200: datasetSummarySchema },
      },
    },
    async (request) => {
      const { catalogue, versions } = app.services;
      const dataset = catalogue.get(request.params.id);
      if (!dataset) throw new AppError('DATASET_NOT_FOUND', { id: request.params.id });
      return describeDataset(
        dataset,
        versions.get(dataset.id),
        await yearsOf(dataset),
        compositionOf(dataset),
      );
    },
  );
};
