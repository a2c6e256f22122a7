/** Small readers of a query shape, shared by the types' `fits`. */
import type { QueryShape } from './types.ts';

/** A year or a date: a time axis. */
export const isTime = (type: string | undefined): boolean => type === 'year' || type === 'date';

/** Latitude and longitude both asked: one point per row (a project, a collectivité…). */
export const hasCoordinates = (shape: QueryShape): boolean =>
  shape.dimensions.filter((d) => d.type === 'coordinate').length === 2;
