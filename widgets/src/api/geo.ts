/** What the map renderer needs to know before drawing (`GET /api/geo/config`). */
import Type from 'typebox';
import type { Answer } from './answer.ts';

export const geoConfigSchema = Type.Object(
  {
    basemapStyleUrl: Type.Union([Type.String(), Type.Null()], {
      description: 'Style MapLibre du fond de carte optionnel (DATAETAT_BASEMAP_STYLE_URL).',
    }),
    attribution: Type.String(),
    levels: Type.Array(Type.String(), { description: 'Niveaux géographiques disponibles.' }),
    communeTiles: Type.Object(
      {
        url: Type.String(),
        sourceLayer: Type.String(),
        minzoom: Type.Integer(),
        maxzoom: Type.Integer(),
        promoteId: Type.String(),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type GeoConfig = Answer<typeof geoConfigSchema>;
