/** Answers of `/api/datasets…` and `/api/reference…`, shared by the server and the web app. */
import Type from 'typebox';
import type { Answer } from './answer.ts';

const closed = { additionalProperties: false } as const;

export const datasetDimensionSchema = Type.Object(
  {
    id: Type.String(),
    label: Type.String(),
    type: Type.Enum(['text', 'code', 'year', 'date', 'geo', 'tags', 'coordinate']),
    level: Type.Optional(Type.Enum(['region', 'departement', 'epci', 'commune', 'qpv'])),
    axis: Type.Optional(Type.Enum(['latitude', 'longitude'])),
    /** Coarser dimension this one rolls up to (commune → epci → departement → region). */
    parent: Type.Optional(Type.String()),
    /** The codes have human labels (a département's name…). */
    hasLabels: Type.Boolean(),
    description: Type.Optional(Type.String()),
  },
  closed,
);

export const datasetMeasureSchema = Type.Object(
  {
    id: Type.String(),
    label: Type.String(),
    format: Type.Enum(['eur', 'integer', 'number', 'percent', 'year', 'text']),
    /** False for ratios and distinct counts: recomputed at every level, never summed. */
    additive: Type.Boolean(),
    description: Type.Optional(Type.String()),
  },
  closed,
);

/** Lines of one (année, région, origine) of a dataset whose demo lines give way to imports. */
export const datasetPartSchema = Type.Object(
  {
    year: Type.Union([Type.Integer(), Type.Null()]),
    region: Type.Union([Type.String(), Type.Null()], { description: 'Code région ; null : non localisée.' }),
    regionLabel: Type.Union([Type.String(), Type.Null()]),
    origin: Type.String({ description: '`demo`, `importe` ou `cp_orphelin` (Chorus).' }),
    originLabel: Type.Union([Type.String(), Type.Null()]),
    lines: Type.Integer(),
  },
  closed,
);
export type DatasetPart = Answer<typeof datasetPartSchema>;

/** One dataset as `GET /api/datasets` and `GET /api/datasets/:id` describe it. */
export const datasetSummarySchema = Type.Object(
  {
    id: Type.String(),
    title: Type.String(),
    description: Type.String(),
    source: Type.Object(
      { name: Type.String(), licence: Type.String(), url: Type.Optional(Type.String()) },
      closed,
    ),
    demo: Type.Boolean({
      description:
        'Les données contiennent des lignes synthétiques : affichées « Données de démonstration ». Pour Chorus, suit les imports (faux quand chaque année et région est importée).',
    }),
    composition: Type.Optional(
      Type.Array(datasetPartSchema, {
        description:
          'Pour un jeu dont les données de démonstration cèdent la place aux imports (Chorus) : lignes par année, région et origine, pour dire quelles parties sont de démonstration.',
      }),
    ),
    grain: Type.String({ description: 'Ce qu’est une ligne (phrase en français).' }),
    updatedAt: Type.Union([Type.String(), Type.Null()], {
      description: 'Chargement des données dans Data-État (date ISO), null si pas encore chargées.',
    }),
    years: Type.Array(Type.Integer(), { description: 'Années couvertes par les données.' }),
    period: Type.Union([Type.String(), Type.Null()], { description: 'Période couverte (« 2020 – 2022 »).' }),
    rowCount: Type.Union([Type.Integer(), Type.Null()]),
    scoped: Type.Boolean({ description: 'Le territoire de la personne connectée filtre les lignes.' }),
    dimensions: Type.Array(datasetDimensionSchema),
    measures: Type.Array(datasetMeasureSchema),
    defaultSort: Type.Array(Type.Object({ field: Type.String(), dir: Type.Enum(['asc', 'desc']) }, closed)),
  },
  closed,
);
export type DatasetSummary = Answer<typeof datasetSummarySchema>;
export type DatasetDimension = Answer<typeof datasetDimensionSchema>;
export type DatasetMeasure = Answer<typeof datasetMeasureSchema>;

export const datasetListSchema = Type.Object({ datasets: Type.Array(datasetSummarySchema) }, closed);

const code = Type.Union([Type.String(), Type.Number(), Type.Null()]);

/** One distinct value of a field, most frequent first. */
export const fieldValueSchema = Type.Object(
  {
    value: code,
    label: Type.Union([Type.String(), Type.Null()]),
    count: Type.Union([Type.Number(), Type.Null()], { description: 'Lignes ayant cette valeur.' }),
  },
  closed,
);
export type FieldValue = Answer<typeof fieldValueSchema>;

export const fieldValuesSchema = Type.Object(
  {
    field: Type.String(),
    values: Type.Array(fieldValueSchema),
    truncated: Type.Boolean({ description: 'D’autres valeurs correspondent : affinez la recherche.' }),
  },
  closed,
);
export type FieldValues = Answer<typeof fieldValuesSchema>;

export const referenceValuesSchema = Type.Object(
  {
    kind: Type.String(),
    values: Type.Array(Type.Object({ value: code, label: Type.Union([Type.String(), Type.Null()]) }, closed)),
    truncated: Type.Boolean(),
  },
  closed,
);
export type ReferenceValues = Answer<typeof referenceValuesSchema>;
