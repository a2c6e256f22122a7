import type { ValueFormat } from '../catalogue/types.ts';
import { labelOf, numberAt, type ResultMeasure, viewResult } from '../echarts/result.ts';
import type { QueryResult } from '../spec/types.ts';
import type { MapOptions } from './spec.ts';

export const AREA_LEVELS = ['region', 'departement', 'epci', 'commune', 'qpv'] as const;
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
  /** Code of the point's dimension (for `onSelect`), or null when the result has none. */
  readonly code: string | null;
  readonly label: string;
  readonly value: number | null;
}

export interface PointData {
  /** Dimension a click selects (the first one besides the coordinates), or null. */
  readonly field: string | null;
  /** What one point is, in French (« projet », plural « projets »), for the legend. */
  readonly noun: { readonly one: string; readonly many: string };
  readonly measure: AreaData['measure'] | null;
  readonly points: readonly PointValue[];
  /** Rows left off the map: coordinates missing or out of range. */
  readonly unplaced: number;
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
      'La carte a besoin d’une première dimension territoriale : région, département, EPCI, commune ou quartier prioritaire.',
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

type CoordinateFields = Pick<MapOptions, 'latitudeField' | 'longitudeField'>;

/**
 * Indices of the latitude and longitude columns: those named by the options, else the result's
 * `coordinate` dimensions (by `axis`), else columns called `latitude` / `longitude`.
 */
export function coordinateColumns(
  result: QueryResult,
  options: CoordinateFields,
): { readonly latitude: number; readonly longitude: number } | null {
  const find = (axis: 'latitude' | 'longitude', named: string | undefined) => {
    const { columns } = result;
    if (named) return columns.findIndex((c) => c.id === named);
    const byAxis = columns.findIndex(
      (c) => c.role === 'dimension' && c.type === 'coordinate' && c.axis === axis,
    );
    return byAxis >= 0 ? byAxis : columns.findIndex((c) => c.id === axis);
  };
  const latitude = find('latitude', options.latitudeField);
  const longitude = find('longitude', options.longitudeField);
  return latitude >= 0 && longitude >= 0 ? { latitude, longitude } : null;
}

/**
 * The mode actually drawn: the option, except that a result with coordinates and no territorial
 * first dimension (nothing to colour) is drawn as points — what the explorer suggests for it.
 */
export function effectiveMode(result: QueryResult, options: MapOptions): MapOptions['mode'] {
  if (options.mode === 'points') return 'points';
  const first = result.columns.find((c) => c.role === 'dimension');
  const territorial = first?.type === 'geo' && (AREA_LEVELS as readonly string[]).includes(first.level ?? '');
  return !territorial && coordinateColumns(result, options) ? 'points' : options.mode;
}

const FUNCTION_WORDS = new Set(['de', 'du', 'des', 'la', 'le', 'les', 'à', 'au', 'aux', 'et', 'en', 'par']);

/**
 * A dimension label as a lower-case French noun and its plural, for « 12 projets sans
 * coordonnées »: words take an « s » up to the first function word (« collectivités
 * bénéficiaires », « catégories de projet »); words ending in s, x or z do not change.
 */
export function pointNoun(label: string): { one: string; many: string } {
  const one = label.charAt(0).toLocaleLowerCase('fr-FR') + label.slice(1);
  let inHead = true;
  const many = one
    .split(' ')
    .map((word) => {
      if (FUNCTION_WORDS.has(word) || /^[dl]['’]/.test(word)) inHead = false;
      return inHead && /\p{L}$/u.test(word) && !/[sxz]$/.test(word) ? `${word}s` : word;
    })
    .join(' ');
  return { one, many };
}

/**
 * Reads a result for points: one point per row at its latitude/longitude; the first other
 * dimension names it (tooltip) and is what a click selects; the value is the chosen measure.
 */
export function toPointData(
  result: QueryResult,
  options: Pick<MapOptions, 'measure'> & CoordinateFields,
): PointData {
  const view = viewResult(result);
  const columns = coordinateColumns(result, options);
  if (!columns) {
    const named =
      options.latitudeField || options.longitudeField
        ? ` « ${options.latitudeField ?? 'latitude'} » et « ${options.longitudeField ?? 'longitude'} »`
        : ' de latitude et de longitude';
    throw new MapDataError(`La carte de points a besoin des colonnes${named} dans le résultat.`);
  }
  const { latitude: latIndex, longitude: lonIndex } = columns;
  const labelDimension = view.dimensions.find((d) => d.codeIndex !== latIndex && d.codeIndex !== lonIndex);
  const measure = pickMeasure(view.measures, options.measure);
  const points: PointValue[] = [];
  let unplaced = 0;
  for (const row of view.rows) {
    const latitude = numberAt(row, latIndex);
    const longitude = numberAt(row, lonIndex);
    if (latitude === null || longitude === null || Math.abs(latitude) > 90 || Math.abs(longitude) > 180) {
      unplaced++;
      continue;
    }
    const code = labelDimension ? row[labelDimension.codeIndex] : null;
    points.push({
      latitude,
      longitude,
      code: code === null || code === undefined ? null : String(code),
      label: labelDimension ? labelOf(row, labelDimension) : `${latitude}, ${longitude}`,
      value: measure ? numberAt(row, measure.index) : null,
    });
  }
  return {
    field: labelDimension?.id ?? null,
    noun: labelDimension ? pointNoun(labelDimension.title) : { one: 'point', many: 'points' },
    measure: measure ? { id: measure.id, title: measure.title, format: measure.format } : null,
    points,
    unplaced,
  };
}

/** What a map draws: areas (choropleth, symbols) or points. */
export type MapData =
  | { readonly kind: 'areas'; readonly data: AreaData }
  | { readonly kind: 'points'; readonly data: PointData };

/** A result read for the map, or why it cannot be mapped (French). */
export function toMapData(
  result: QueryResult,
  options: MapOptions,
): MapData | { readonly kind: 'error'; readonly message: string } {
  try {
    return effectiveMode(result, options) === 'points'
      ? { kind: 'points', data: toPointData(result, options) }
      : { kind: 'areas', data: toAreaData(result, options) };
  } catch (error) {
    if (error instanceof MapDataError) return { kind: 'error', message: error.message };
    throw error;
  }
}
