import type { ValueFormat } from '@dataetat/widgets/react';

export type { QueryResult, QuerySpec, ResultColumn } from '@dataetat/widgets/react';

/** One entry of `GET /api/datasets`. */
export interface DatasetSummary {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly source: { readonly name: string; readonly licence: string; readonly url?: string };
  /** Synthetic data: labelled « Données de démonstration » everywhere. */
  readonly demo: boolean;
  /** What one row is (French sentence). */
  readonly grain: string;
  /** ISO date of the data, or null when unknown. */
  /** When the data was loaded into Data-État. */
  readonly updatedAt: string | null;
  /** Years covered by the data (« 2020 – 2022 »), null when the dataset has no year. */
  readonly period: string | null;
  readonly rowCount: number | null;
  readonly dimensions: readonly DatasetDimension[];
  readonly measures: readonly DatasetMeasure[];
}

export interface DatasetDimension {
  readonly id: string;
  readonly label: string;
  readonly type: string;
  readonly level?: string;
  /** Coarser dimension this one rolls up to (commune → epci → departement → region). */
  readonly parent?: string;
  /** The codes have human labels (a département's name…). */
  readonly hasLabels?: boolean;
  readonly description?: string;
}

export interface DatasetMeasure {
  readonly id: string;
  readonly label: string;
  readonly format: ValueFormat;
  /** False for ratios and distinct counts: recomputed at every level, never summed. */
  readonly additive?: boolean;
  readonly description?: string;
}

/** One distinct value of a field (`GET /api/datasets/:id/values/:field`), most frequent first. */
export interface FieldValue {
  readonly value: string | number | null;
  readonly label: string | null;
  /** Rows having this value; null for reference tables. */
  readonly count: number | null;
}

export interface FieldValues {
  readonly values: readonly FieldValue[];
  /** More values match than were returned: refine the search. */
  readonly truncated: boolean;
}
