import { AUDIT_ACTIONS, type AuditAction } from '@dataetat/widgets';

/**
 * The journal's filters and page live in the address (`?auteur=…&action=…&page=2`): a filtered
 * view can be bookmarked or sent to a colleague, and « Précédent » of the browser goes back to
 * the previous filter. The API names (`actor`, `from`…) stay in the API calls only.
 */
export interface AuditFilters {
  readonly actor: string;
  readonly action: AuditAction | '';
  readonly outcome: 'success' | 'failure' | '';
  /** `YYYY-MM-DD` (Paris day), or ''. */
  readonly from: string;
  readonly to: string;
}

export const NO_FILTERS: AuditFilters = { actor: '', action: '', outcome: '', from: '', to: '' };
export const PAGE_SIZES = [20, 50, 100, 500] as const;
export const DEFAULT_PAGE_SIZE = 100;

export interface AuditView {
  readonly filters: AuditFilters;
  readonly page: number;
  readonly pageSize: number;
}

/** Address names, in French like the rest of the address bar. */
const PARAM = { actor: 'auteur', action: 'action', outcome: 'resultat', from: 'du', to: 'au' } as const;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

const isAction = (value: string): value is AuditAction =>
  (AUDIT_ACTIONS as readonly string[]).includes(value);

/** What the address asks for; anything unknown or malformed is left out rather than refused. */
export function viewFromSearch(search: URLSearchParams): AuditView {
  const action = search.get(PARAM.action) ?? '';
  const outcome = search.get(PARAM.outcome) ?? '';
  const day = (key: 'from' | 'to') => {
    const value = search.get(PARAM[key]) ?? '';
    return DAY.test(value) ? value : '';
  };
  const page = Number(search.get('page'));
  const size = Number(search.get('taille'));
  return {
    filters: {
      actor: (search.get(PARAM.actor) ?? '').slice(0, 200),
      action: isAction(action) ? action : '',
      outcome: outcome === 'success' || outcome === 'failure' ? outcome : '',
      from: day('from'),
      to: day('to'),
    },
    page: Number.isInteger(page) && page >= 1 ? page : 1,
    pageSize: (PAGE_SIZES as readonly number[]).includes(size) ? size : DEFAULT_PAGE_SIZE,
  };
}

/** The address of a view: empty filters, page 1 and the default size are left out. */
export function searchOfView(view: AuditView): URLSearchParams {
  const search = new URLSearchParams();
  for (const key of Object.keys(PARAM) as (keyof AuditFilters)[]) {
    const value = view.filters[key].trim();
    if (value) search.set(PARAM[key], value);
  }
  if (view.page > 1) search.set('page', String(view.page));
  if (view.pageSize !== DEFAULT_PAGE_SIZE) search.set('taille', String(view.pageSize));
  return search;
}

/** The filters as the API reads them (same for the list and the CSV export). */
function apiFilters(filters: AuditFilters): URLSearchParams {
  const search = new URLSearchParams();
  for (const key of Object.keys(PARAM) as (keyof AuditFilters)[]) {
    const value = filters[key].trim();
    if (value) search.set(key, value);
  }
  return search;
}

export function auditListUrl(view: AuditView): string {
  const search = apiFilters(view.filters);
  search.set('page', String(view.page));
  search.set('limit', String(view.pageSize));
  return `/api/audit?${search}`;
}

export function auditCsvUrl(filters: AuditFilters): string {
  const query = apiFilters(filters).toString();
  return `/api/audit/export.csv${query ? `?${query}` : ''}`;
}

export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

/** True when at least one filter is set (the empty state then says to widen them). */
export function hasFilters(filters: AuditFilters): boolean {
  return Object.values(filters).some((value) => value.trim() !== '');
}
