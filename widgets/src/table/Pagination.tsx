import { useId } from 'react';
import type { TablePageView } from './model.ts';
import { PAGE_SIZES } from './query.ts';

export interface PaginationProps {
  readonly page: TablePageView;
  /** Absent: the table is static (no provider to ask another page). */
  readonly onPage?: (offset: number) => void;
  readonly onPageSize?: (limit: number) => void;
}

/** « Lignes 101 à 150 », previous/next page, rows per page (DSFR pagination and select). */
export function Pagination({ page, onPage, onPageSize }: PaginationProps) {
  const id = useId();
  const sizes = PAGE_SIZES.includes(page.limit as (typeof PAGE_SIZES)[number])
    ? PAGE_SIZES
    : [...PAGE_SIZES, page.limit].sort((a, b) => a - b);
  return (
    <div
      style={{
        display: 'flex',
        flexWrap: 'wrap',
        alignItems: 'center',
        gap: '0.5rem 1.5rem',
        marginTop: '0.5rem',
      }}
    >
      <p className="fr-text--sm fr-mb-0" aria-live="polite" data-testid="table-page-text">
        {page.text}
      </p>
      {onPage && (
        <nav className="fr-pagination" aria-label="Pages du tableau">
          <ul className="fr-pagination__list" style={{ margin: 0 }}>
            <li>
              <button
                type="button"
                className="fr-pagination__link fr-pagination__link--prev fr-pagination__link--lg-label"
                disabled={!page.hasPrevious}
                onClick={() => onPage(Math.max(0, page.offset - page.limit))}
              >
                Page précédente
              </button>
            </li>
            <li>
              <button
                type="button"
                className="fr-pagination__link fr-pagination__link--next fr-pagination__link--lg-label"
                disabled={!page.hasNext}
                onClick={() => onPage(page.offset + page.limit)}
              >
                Page suivante
              </button>
            </li>
          </ul>
        </nav>
      )}
      {onPageSize && (
        <div style={{ display: 'flex', alignItems: 'center', gap: '0.5rem' }}>
          <label className="fr-label fr-text--sm" htmlFor={`${id}-size`}>
            Lignes par page
          </label>
          <select
            id={`${id}-size`}
            className="fr-select"
            style={{ width: 'auto', marginTop: 0 }}
            value={page.limit}
            onChange={(event) => onPageSize(Number(event.target.value))}
          >
            {sizes.map((size) => (
              <option key={size} value={size}>
                {size}
              </option>
            ))}
          </select>
        </div>
      )}
    </div>
  );
}
