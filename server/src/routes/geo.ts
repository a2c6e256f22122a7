import { geoConfigSchema } from '@dataetat/widgets';
import Type from 'typebox';
import { AppError } from '../errors.ts';
import { GEO_LEVELS, type GeoLevel, WHOLE_LEVELS } from '../geo/levels.ts';
import { sendPayload } from '../geo/payload.ts';
import { QPV_ATTRIBUTION } from '../geo/qpv.ts';
import { GeoStore } from '../geo/store.ts';
import { COMMUNES_LAYER, CommuneTiles, MAX_TILE_ZOOM } from '../geo/tiles.ts';
import { type ApiPlugin, binaryAnswer, emptyAnswer } from '../plugins/contracts.ts';

/** Shown under every map (Licence Ouverte 2.0 asks for it). */
export const GEO_ATTRIBUTION = `IGN – Admin Express ; découpage COG 2026 (Insee) ; ${QPV_ATTRIBUTION}`;

/** From the settings: the seed pack (null = none, routes answer 503) and the base map. */
export interface GeoRoutesOptions {
  readonly seedDir: string | null;
  readonly basemapStyleUrl: string | null;
  /**
   * Build boundaries and the tile index before the server takes requests (`true`), or right
   * after it listens (`'after-listen'`: the start while data loads; first map requests wait on
   * the same build). See GeoStore.warmUp.
   */
  readonly warmUp?: boolean | 'after-listen';
}

const DEPARTEMENT = /^(\d{2}|2[AB]|97\d)$/;
const INTEGER = /^\d{1,7}$/;

/**
 * Public boundaries (no data about money): GeoJSON for régions, départements, EPCI and QPV, commune
 * subsets per département, commune vector tiles, centroids. All compressed once and cached by
 * clients (ETag + Cache-Control). Open data, without a session: share links and embeds draw
 * their maps from here, embeds from other sites too (any origin may read them).
 */
export const geoRoutes: ApiPlugin<GeoRoutesOptions> = async (app, options) => {
  const store = new GeoStore(options.seedDir);
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('access-control-allow-origin', '*');
    return payload;
  });
  if (options.warmUp === 'after-listen') {
    app.addHook('onListen', async () => {
      store.warmUp().catch((error: unknown) => app.log.error({ err: error }, 'préparation des cartes'));
    });
  } else if (options.warmUp) app.addHook('onReady', () => store.warmUp());
  const geojson = (description: string) => ({
    tags: ['Cartes'],
    response: {
      200: binaryAnswer(description, ['application/geo+json']),
      304: emptyAnswer('Inchangé (ETag).'),
    },
  });

  app.get(
    '/geo/config',
    {
      config: { access: 'public' },
      schema: {
        tags: ['Cartes'],
        summary: 'Réglages des cartes',
        description:
          'Adresse des tuiles des communes, fond de carte optionnel, attribution, communes qui ont des quartiers prioritaires à dessiner.',
        response: { 200: geoConfigSchema },
      },
    },
    async () => ({
      basemapStyleUrl: options.basemapStyleUrl,
      attribution: GEO_ATTRIBUTION,
      levels: GEO_LEVELS,
      qpvCommunes: await store.qpvCommunes(),
      communeTiles: {
        url: '/api/geo/tiles/communes/{z}/{x}/{y}.pbf',
        sourceLayer: COMMUNES_LAYER,
        minzoom: 0,
        maxzoom: MAX_TILE_ZOOM,
        promoteId: 'code',
      },
    }),
  );

  app.get(
    '/geo/communes',
    {
      config: { access: 'public' },
      schema: {
        ...geojson('Contours des communes d’un département (GeoJSON).'),
        summary: 'Communes d’un département',
        querystring: Type.Object(
          { departement: Type.Optional(Type.String({ maxLength: 10, examples: ['35', '2A', '971'] })) },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const departement = request.query.departement?.trim().toUpperCase();
      if (!departement) throw new AppError('GEO_DEPARTEMENT_REQUIRED');
      if (!DEPARTEMENT.test(departement)) throw new AppError('GEO_DEPARTEMENT_NOT_FOUND', { departement });
      const payload = await store.communesOf(departement);
      if (!payload) throw new AppError('GEO_DEPARTEMENT_NOT_FOUND', { departement });
      return sendPayload(request, reply, payload);
    },
  );

  app.get(
    '/geo/tiles/communes/:z/:x/:y.pbf',
    {
      config: { access: 'public' },
      schema: {
        tags: ['Cartes'],
        summary: 'Tuile vectorielle des communes',
        description: 'Tuiles Mapbox Vector Tile (couche « communes ») pour la carte nationale des communes.',
        // Checked by the handler: one French message for every malformed tile address.
        params: Type.Object({
          z: Type.String({ maxLength: 10 }),
          x: Type.String({ maxLength: 10 }),
          y: Type.String({ maxLength: 10 }),
        }),
        response: {
          200: binaryAnswer('La tuile.', ['application/vnd.mapbox-vector-tile']),
          204: emptyAnswer('Aucune commune dans cette tuile (en mer).'),
          304: emptyAnswer('Inchangée (ETag).'),
        },
      },
    },
    async (request, reply) => {
      const { z, x, y } = request.params;
      const [zoom, column, row] = [z, x, y].map((part) =>
        INTEGER.test(part) ? Number(part) : Number.NaN,
      ) as [number, number, number];
      if (!CommuneTiles.isValid(zoom, column, row)) {
        throw new AppError('GEO_TILE_INVALID', { z, x, y, maxZoom: MAX_TILE_ZOOM });
      }
      store.assertAvailable('commune');
      const payload = (await store.communeTiles()).tile(zoom, column, row);
      if (!payload) {
        return reply.code(204).header('cache-control', 'public, max-age=86400').send();
      }
      return sendPayload(request, reply, payload);
    },
  );

  app.get(
    '/geo/:level/centroids',
    {
      config: { access: 'public' },
      schema: {
        ...geojson('Un point par territoire (GeoJSON), pour les cercles proportionnels.'),
        summary: 'Centres des territoires d’un niveau',
        params: Type.Object({ level: Type.String({ maxLength: 50, examples: ['region', 'departement'] }) }),
      },
    },
    async (request, reply) => {
      const level = checkLevel(request.params.level, GEO_LEVELS);
      return sendPayload(request, reply, await store.centroids(level));
    },
  );

  app.get(
    '/geo/:level',
    {
      config: { access: 'public' },
      schema: {
        ...geojson('Contours de tous les territoires du niveau (GeoJSON).'),
        summary: 'Contours d’un niveau géographique',
        params: Type.Object({
          level: Type.String({ maxLength: 50, examples: ['region', 'departement', 'epci', 'qpv'] }),
        }),
      },
    },
    async (request, reply) => {
      const level = checkLevel(request.params.level, WHOLE_LEVELS);
      return sendPayload(request, reply, await store.level(level));
    },
  );
};

function checkLevel<L extends GeoLevel>(level: string, known: readonly L[]): L {
  if ((known as readonly string[]).includes(level)) return level as L;
  const hint =
    level === 'commune' || level === 'communes'
      ? ' (communes : /api/geo/communes?departement=35 ou les tuiles)'
      : '';
  throw new AppError('GEO_LEVEL_NOT_FOUND', { level, known: `${known.join(', ')}${hint}` });
}
