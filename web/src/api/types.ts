/** API answers: one definition, shared with the server (`@dataetat/widgets` api/). */
export type {
  DatasetDimension,
  DatasetMeasure,
  DatasetSummary,
  FieldValue,
  FieldValues,
} from '@dataetat/widgets';
export type { QueryResult, QuerySpec, ResultColumn } from '@dataetat/widgets/react';
