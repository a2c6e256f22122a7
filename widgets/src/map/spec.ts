import {
  booleanOption,
  enumOption,
  integerOption,
  type RawOptions,
  stringOption,
} from '../widget/options.ts';
import type { Classification } from './breaks.ts';

/** Options of a `map` widget. */
export interface MapOptions {
  /**
   * What is drawn: areas coloured by class (`choropleth`, default), circles at each area's centre
   * sized by value (`symbols`), or one point per row from latitude/longitude (`points`).
   */
  readonly mode: 'choropleth' | 'symbols' | 'points';
  /** Measure shown, by id. Default: the query's first measure. */
  readonly measure?: string;
  /** How class breaks are chosen: equal counts (`quantiles`, default) or `jenks` natural breaks. */
  readonly classification: Classification;
  /** Number of colour classes, 3 to 7 (default 5). */
  readonly classes: number;
  /** Points mode: the result columns holding latitude and longitude (WGS 84 degrees). */
  readonly latitudeField: string;
  readonly longitudeField: string;
  /** Points mode: group nearby points into clusters (default true). */
  readonly cluster: boolean;
}

export const MAP_DEFAULTS: MapOptions = {
  mode: 'choropleth',
  classification: 'quantiles',
  classes: 5,
  latitudeField: 'latitude',
  longitudeField: 'longitude',
  cluster: true,
};

export function resolveMapOptions(raw: RawOptions): MapOptions {
  const measure = raw.measure;
  return {
    mode: enumOption(raw, 'mode', ['choropleth', 'symbols', 'points'], MAP_DEFAULTS.mode),
    ...(typeof measure === 'string' ? { measure } : {}),
    classification: enumOption(raw, 'classification', ['quantiles', 'jenks'], MAP_DEFAULTS.classification),
    classes: integerOption(raw, 'classes', MAP_DEFAULTS.classes, 3, 7),
    latitudeField: stringOption(raw, 'latitudeField', MAP_DEFAULTS.latitudeField),
    longitudeField: stringOption(raw, 'longitudeField', MAP_DEFAULTS.longitudeField),
    cluster: booleanOption(raw, 'cluster', MAP_DEFAULTS.cluster),
  };
}
