import type { FastifyPluginAsync } from 'fastify';

const APP_VERSION = '0.1.0';

export const healthRoutes: FastifyPluginAsync = async (app) => {
  // Public: load balancers and supervision probe it without a session.
  app.get('/health', { config: { access: 'public' } }, async () => {
    const { warehouse, metadata, versions } = app.services;
    const [warehouseVersion, metadataVersion] = await Promise.all([warehouse.version(), metadata.version()]);
    const latest = versions.all();
    return {
      status: 'ok',
      versions: {
        app: APP_VERSION,
        node: process.version,
        warehouse: warehouseVersion,
        metadata: metadataVersion,
        metadataStore: metadata.kind,
      },
      data: {
        loaded: latest.length > 0,
        datasets: latest.map((l) => ({
          dataset: l.dataset,
          rows: l.rowsLoaded,
          rowsUnplaced: l.rowsUnplaced,
          loadedAt: l.finishedAt?.toISOString() ?? null,
        })),
      },
    };
  });
};
