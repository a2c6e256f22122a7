import type { ValueFormat } from '../catalogue/types.ts';
import { labelOf, numberAt, type ResultMeasure, viewResult } from '../echarts/result.ts';
import type { QueryResult } from '../spec/types.ts';
import type { MapOptions } from './spec.ts';

export const AREA_LEVELS = ['region', 'departement', 'epci', 'commune'] as const;
export type AreaLevel = (typeof AREA_LEVELS)[number];

/** One area of the result: its COG code, name and value (null = no data). */
export interface AreaValue {
  readonly code: string;
  readonly label: string;
  readonly value: number | null;
}

export interface AreaData {
  /** Dimension id, for `onSelect`. */
  readonly field: string;
  readonly level: AreaLevel;
  readonly measure: { readonly id: string; readonly title: string; readonly format: ValueFormat };
  readonly areas: readonly AreaValue[];
}

export interface PointValue {
  readonly longitude: number;
  readonly latitude: number;
  readonly label: string;
  readonly value: number | null;
}

export interface PointData {
  readonly field: string;
  readonly measure: AreaData['measure'] | null;
  readonly points: readonly PointValue[];
}

/** Why a result cannot be mapped, in French, for the frame's message. */
export class MapDataError extends Error {}

function pickMeasure(
  measures: readonly ResultMeasure[],
  wanted: string | undefined,
): ResultMeasure | undefined {
  return (wanted ? measures.find((m) => m.id === wanted) : undefined) ?? measures[0];
}

/**
 * Reads a result for a choropleth or symbols: the first dimension must be geographic (its
 * `level` says which boundaries to draw), the value is the chosen measure.
 */
export function toAreaData(result: QueryResult, options: Pick<MapOptions, 'measure'>): AreaData {
  const view = viewResult(result);
  const dimension = view.dimensions[0];
  const level = dimension?.level;
  if (!dimension || !level || !(AREA_LEVELS as readonly string[]).includes(level)) {
    throw new MapDataError(
      'La carte a besoin d’une première dimension territoriale : région, département, EPCI ou commune.',
    );
  }
  const measure = pickMeasure(view.measures, options.measure);
  if (!measure) throw new MapDataError('La carte a besoin d’une mesure à représenter.');
  const byCode = new Map<string, AreaValue>();
  for (const row of view.rows) {
    const code = row[dimension.codeIndex];
    if (code === null || code === undefined || code === '') continue;
    // With a second dimension, several rows share an area: their values add up.
    const key = String(code);
    const value = numberAt(row, measure.index);
    const previous = byCode.get(key);
    byCode.set(key, {
      code: key,
      label: labelOf(row, dimension),
      value: previous?.value == null ? value : value == null ? previous.value : previous.value + value,
    });
  }
  return {
    field: dimension.id,
    level: level as AreaLevel,
    measure: { id: measure.id, title: measure.title, format: measure.format },
    areas: [...byCode.values()],
  };
}

/** Reads a result for points: latitude and longitude columns named by the options. */
export function toPointData(
  result: QueryResult,
  options: Pick<MapOptions, 'measure' | 'latitudeField' | 'longitudeField'>,
): PointData {
  const view = viewResult(result);
  const latIndex = result.columns.findIndex((c) => c.id === options.latitudeField);
  const lonIndex = result.columns.findIndex((c) => c.id === options.longitudeField);
  if (latIndex < 0 || lonIndex < 0) {
    throw new MapDataError(
      `La carte de points a besoin des colonnes « ${options.latitudeField} » et « ${options.longitudeField} » dans le résultat.`,
    );
  }
  const labelDimension = view.dimensions.find((d) => d.codeIndex !== latIndex && d.codeIndex !== lonIndex);
  const measure = pickMeasure(view.measures, options.measure);
  const points: PointValue[] = [];
  for (const row of view.rows) {
    const latitude = numberAt(row, latIndex);
    const longitude = numberAt(row, lonIndex);
    if (latitude === null || longitude === null || Math.abs(latitude) > 90 || Math.abs(longitude) > 180)
      continue;
    points.push({
      latitude,
      longitude,
      label: labelDimension ? labelOf(row, labelDimension) : `${latitude}, ${longitude}`,
      value: measure ? numberAt(row, measure.index) : null,
    });
  }
  return {
    field: labelDimension?.id ?? options.latitudeField,
    measure: measure ? { id: measure.id, title: measure.title, format: measure.format } : null,
    points,
  };
}
