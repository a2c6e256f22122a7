/** API answers: one definition, shared with the server (`@dataetat/widgets` api/). */
/** Body of every API error (DESIGN §9): a stable code and a French message. */
export type {
  DatasetDimension,
  DatasetMeasure,
  DatasetSummary,
  ErrorBody as ApiErrorBody,
  FieldValue,
  FieldValues,
} from '@dataetat/widgets';
export type { QueryResult, QuerySpec, ResultColumn } from '@dataetat/widgets/react';
