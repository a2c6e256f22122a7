/**
 * Where to show a server error: the API answers a bad spec with a JSON pointer into the query
 * (`details.path`, e.g. `/filters/0/values/1`); the builder shows the message next to the control
 * that edits that part.
 */
import { ApiError } from '../api/client.ts';

export type ErrorTarget =
  | { readonly control: 'dataset' | 'measures' | 'dimensions' | 'sort' | 'limit' | 'totals' | 'general' }
  | { readonly control: 'filter'; readonly index: number; readonly part: 'field' | 'op' | 'values' | 'row' };

/** Maps a JSON pointer of the sent query to a builder control, `filterRows` undoing the dropped rows. */
export function targetOfPath(path: string, filterRows: readonly number[] = []): ErrorTarget {
  const [head, index, part] = path.split('/').slice(1);
  switch (head) {
    case 'dataset':
      return { control: 'dataset' };
    case 'measures':
    case 'topN':
      return { control: 'measures' };
    case 'dimensions':
    case 'subtotals':
      return { control: 'dimensions' };
    case 'sort':
      return { control: 'sort' };
    case 'limit':
    case 'offset':
      return { control: 'limit' };
    case 'totals':
      return { control: 'totals' };
    case 'filters': {
      const sent = Number(index);
      if (!Number.isInteger(sent) || sent < 0) return { control: 'general' };
      const row = filterRows.length > 0 ? (filterRows[sent] ?? sent) : sent;
      const which = part === 'field' || part === 'op' || part === 'values' ? part : 'row';
      return { control: 'filter', index: row, part: which };
    }
    default:
      return { control: 'general' };
  }
}

/** The JSON pointer an API error carries, if any. */
export function errorPath(error: unknown): string | null {
  if (!(error instanceof ApiError)) return null;
  const details = error.details;
  if (typeof details !== 'object' || details === null || !('path' in details)) return null;
  const path = (details as { path: unknown }).path;
  return typeof path === 'string' ? path : null;
}

/** A spec error targeted at a builder control, or null when the error is not about the spec. */
export interface SpecProblem {
  readonly message: string;
  /** Pointer into the widget definition shown in the JSON editor (`/query/filters/0/values`). */
  readonly jsonPath: string;
  readonly target: ErrorTarget;
}

export function specProblem(error: unknown, filterRows: readonly number[]): SpecProblem | null {
  if (!(error instanceof ApiError) || error.status !== 400) return null;
  const path = errorPath(error) ?? '';
  const target = targetOfPath(path, filterRows);
  // The JSON editor shows the whole definition: the query's pointers live under /query, with
  // the builder's own filter index.
  const jsonPath =
    target.control === 'filter'
      ? `/query/filters/${target.index}${path.split('/').slice(3).length ? `/${path.split('/').slice(3).join('/')}` : ''}`
      : `/query${path}`;
  return { message: error.message, jsonPath, target };
}

/** Whether a problem concerns this control (and this filter row). */
export function concerns(
  problem: SpecProblem | null,
  control: ErrorTarget['control'],
  index?: number,
): boolean {
  if (!problem || problem.target.control !== control) return false;
  return problem.target.control !== 'filter' || problem.target.index === index;
}
