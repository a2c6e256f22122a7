import type { FastifyPluginAsync } from 'fastify';
import { AppError } from '../errors.ts';
import { GEO_LEVELS, type GeoLevel, WHOLE_LEVELS } from '../geo/levels.ts';
import { sendPayload } from '../geo/payload.ts';
import { GeoStore } from '../geo/store.ts';
import { COMMUNES_LAYER, CommuneTiles, MAX_TILE_ZOOM } from '../geo/tiles.ts';

/** Shown under every map (Licence Ouverte 2.0 asks for it). */
export const GEO_ATTRIBUTION = 'IGN – Admin Express ; découpage COG 2026 (Insee)';

/** What the map renderer needs to know before drawing: where tiles are, the optional base map. */
export interface GeoConfig {
  readonly basemapStyleUrl: string | null;
  readonly attribution: string;
  readonly levels: readonly string[];
  readonly communeTiles: {
    readonly url: string;
    readonly sourceLayer: string;
    readonly minzoom: number;
    readonly maxzoom: number;
    readonly promoteId: string;
  };
}

/** From the settings: the seed pack (null = none, routes answer 503) and the base map. */
export interface GeoRoutesOptions {
  readonly seedDir: string | null;
  readonly basemapStyleUrl: string | null;
}

const DEPARTEMENT = /^(\d{2}|2[AB]|97\d)$/;
const INTEGER = /^\d{1,7}$/;

/**
 * Public boundaries (no data about money): GeoJSON for régions, départements and EPCI, commune
 * subsets per département, commune vector tiles, centroids. All compressed once and cached by
 * clients (ETag + Cache-Control).
 */
export const geoRoutes: FastifyPluginAsync<GeoRoutesOptions> = async (app, options) => {
  const store = new GeoStore(options.seedDir);

  app.get('/geo/config', { config: { access: 'lecteur' } }, async (): Promise<GeoConfig> => {
    return {
      basemapStyleUrl: options.basemapStyleUrl,
      attribution: GEO_ATTRIBUTION,
      levels: GEO_LEVELS,
      communeTiles: {
        url: '/api/geo/tiles/communes/{z}/{x}/{y}.pbf',
        sourceLayer: COMMUNES_LAYER,
        minzoom: 0,
        maxzoom: MAX_TILE_ZOOM,
        promoteId: 'code',
      },
    };
  });

  app.get<{ Querystring: { departement?: string } }>(
    '/geo/communes',
    { config: { access: 'lecteur' } },
    async (request, reply) => {
      const departement = request.query.departement?.trim().toUpperCase();
      if (!departement) throw new AppError('GEO_DEPARTEMENT_REQUIRED');
      if (!DEPARTEMENT.test(departement)) throw new AppError('GEO_DEPARTEMENT_NOT_FOUND', { departement });
      const payload = await store.communesOf(departement);
      if (!payload) throw new AppError('GEO_DEPARTEMENT_NOT_FOUND', { departement });
      return sendPayload(request, reply, payload);
    },
  );

  app.get<{ Params: { z: string; x: string; y: string } }>(
    '/geo/tiles/communes/:z/:x/:y.pbf',
    { config: { access: 'lecteur' } },
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

  app.get<{ Params: { level: string } }>(
    '/geo/:level/centroids',
    { config: { access: 'lecteur' } },
    async (request, reply) => {
      const level = checkLevel(request.params.level, GEO_LEVELS);
      return sendPayload(request, reply, await store.centroids(level));
    },
  );

  app.get<{ Params: { level: string } }>(
    '/geo/:level',
    { config: { access: 'lecteur' } },
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
