import { describe, expect, it } from 'vitest';
import {
  auditCsvUrl,
  auditListUrl,
  hasFilters,
  NO_FILTERS,
  pageCount,
  searchOfView,
  viewFromSearch,
} from './auditQuery.ts';

describe('audit journal address', () => {
  it('reads filters, page and size from the address and writes them back the same', () => {
    const search = new URLSearchParams(
      'auteur=%C3%A9diteur&action=export&resultat=failure&du=2026-11-01&au=2026-11-30&page=3&taille=50',
    );
    const view = viewFromSearch(search);
    expect(view).toEqual({
      filters: {
        actor: 'éditeur',
        action: 'export',
        outcome: 'failure',
        from: '2026-11-01',
        to: '2026-11-30',
      },
      page: 3,
      pageSize: 50,
    });
    expect(searchOfView(view).toString()).toBe(search.toString());
  });

  it('leaves out what it does not know rather than breaking the page', () => {
    const view = viewFromSearch(
      new URLSearchParams('action=rm+-rf&resultat=peut-etre&du=01/11/2026&page=-2&taille=7'),
    );
    expect(view).toEqual({ filters: NO_FILTERS, page: 1, pageSize: 100 });
    expect(searchOfView(view).toString()).toBe('');
    expect(hasFilters(view.filters)).toBe(false);
  });

  it('asks the API with its own names; the CSV export takes the same filters, no page', () => {
    const filters = { ...NO_FILTERS, actor: ' admin ', action: 'login' as const, to: '2026-12-02' };
    expect(auditListUrl({ filters, page: 2, pageSize: 50 })).toBe(
      '/api/audit?actor=admin&action=login&to=2026-12-02&page=2&limit=50',
    );
    expect(auditCsvUrl(filters)).toBe('/api/audit/export.csv?actor=admin&action=login&to=2026-12-02');
    expect(auditCsvUrl(NO_FILTERS)).toBe('/api/audit/export.csv');
    expect(hasFilters(filters)).toBe(true);
  });

  it('counts pages, one at least', () => {
    expect(pageCount(0, 100)).toBe(1);
    expect(pageCount(100, 100)).toBe(1);
    expect(pageCount(101, 100)).toBe(2);
  });
});
