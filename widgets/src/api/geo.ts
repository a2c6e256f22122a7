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
    qpvCommunes: Type.Array(Type.String(), {
      description:
        'Communes (codes COG) qui ont au moins un quartier prioritaire à dessiner (contours 2015 de l’Occitanie) : une carte descendue dans une autre commune reste au niveau des communes.',
    }),
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
