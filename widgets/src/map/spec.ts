import { booleanOption, enumOption, integerOption, type RawOptions } from '../widget/options.ts';
import type { Classification } from './breaks.ts';

/** Options of a `map` widget. */
export interface MapOptions {
  /**
   * What is drawn: areas coloured by class (`choropleth`, default), circles at each area's centre
   * sized by value (`symbols`), or one point per row from latitude/longitude (`points`). A result
   * with both coordinates and no territorial first dimension is drawn as points whatever this says.
   */
  readonly mode: 'choropleth' | 'symbols' | 'points';
  /** Measure shown, by id. Default: the query's first measure. */
  readonly measure?: string;
  /** How class breaks are chosen: equal counts (`quantiles`, default) or `jenks` natural breaks. */
  readonly classification: Classification;
  /** Number of colour classes, 3 to 7 (default 5). */
  readonly classes: number;
  /**
   * Points mode: the result columns holding latitude and longitude (WGS 84 degrees). Default: the
   * `coordinate` dimensions of the result (their `axis`), else the columns `latitude`/`longitude`.
   */
  readonly latitudeField?: string;
  readonly longitudeField?: string;
  /** Points mode: group nearby points into clusters (default true). */
  readonly cluster: boolean;
}

export const MAP_DEFAULTS: MapOptions = {
  mode: 'choropleth',
  classification: 'quantiles',
  classes: 5,
  cluster: true,
};

export function resolveMapOptions(raw: RawOptions): MapOptions {
  const { measure, latitudeField, longitudeField } = raw;
  return {
    mode: enumOption(raw, 'mode', ['choropleth', 'symbols', 'points'], MAP_DEFAULTS.mode),
    ...(typeof measure === 'string' ? { measure } : {}),
    classification: enumOption(raw, 'classification', ['quantiles', 'jenks'], MAP_DEFAULTS.classification),
    classes: integerOption(raw, 'classes', MAP_DEFAULTS.classes, 3, 7),
    ...(typeof latitudeField === 'string' && latitudeField ? { latitudeField } : {}),
    ...(typeof longitudeField === 'string' && longitudeField ? { longitudeField } : {}),
    cluster: booleanOption(raw, 'cluster', MAP_DEFAULTS.cluster),
  };
}
