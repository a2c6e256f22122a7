/** The answer of `POST /api/query`: columns, rows of cells, totals and provenance. */
import Type from 'typebox';
import type { Answer } from './answer.ts';

const closed = { additionalProperties: false } as const;

export const resultColumnSchema = Type.Object(
  {
    id: Type.String(),
    label: Type.String(),
    type: Type.Enum(['text', 'code', 'year', 'date', 'geo', 'tags', 'coordinate', 'number']),
    level: Type.Optional(Type.String()),
    /** For a `coordinate` dimension: which one (the map's points read them). */
    axis: Type.Optional(Type.Enum(['latitude', 'longitude'])),
    format: Type.Optional(Type.String()),
    /** For a label column: the dimension it labels. */
    labelOf: Type.Optional(Type.String()),
    role: Type.Enum(['dimension', 'label', 'measure', 'grouping']),
  },
  closed,
);
export type ResultColumn = Answer<typeof resultColumnSchema>;

export const cellSchema = Type.Union([Type.String(), Type.Number(), Type.Null()]);

export const queryResultSchema = Type.Object(
  {
    columns: Type.Array(resultColumnSchema),
    rows: Type.Array(Type.Array(cellSchema), {
      description: 'Une liste de cellules par ligne, dans l’ordre des colonnes.',
    }),
    totals: Type.Record(Type.String(), Type.Union([Type.Number(), Type.Null()]), {
      description: 'Totaux généraux par mesure, quand `totals` est demandé.',
    }),
    meta: Type.Object(
      {
        rowCount: Type.Integer(),
        truncated: Type.Boolean(),
        cached: Type.Boolean(),
        engineMs: Type.Number(),
        dataVersion: Type.String(),
        source: Type.String(),
        /** Title of the dataset (absent from answers cached before it was added). */
        datasetTitle: Type.Optional(Type.String()),
        updatedAt: Type.Union([Type.String(), Type.Null()]),
        demo: Type.Boolean(),
        engine: Type.Enum(['duckdb', 'postgres']),
        /** Pre-aggregated table that served the query (same result as the base table), if any. */
        rollup: Type.Optional(Type.String()),
      },
      closed,
    ),
  },
  closed,
);
export type QueryResult = Answer<typeof queryResultSchema>;
