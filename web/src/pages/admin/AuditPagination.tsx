import { Link } from 'react-router-dom';

/**
 * DSFR pagination of the journal: first, previous, « Page n sur m », next, last. Links (not
 * buttons) because each page has its own address; the ones that lead nowhere are marked
 * disabled the DSFR way (`aria-disabled`, no `href`).
 */
export function AuditPagination({
  page,
  pages,
  searchOf,
}: {
  readonly page: number;
  readonly pages: number;
  /** The address query of a page. */
  readonly searchOf: (page: number) => string;
}) {
  if (pages <= 1) return null;
  const item = (target: number, kind: 'first' | 'prev' | 'next' | 'last', label: string) => {
    const className = `fr-pagination__link fr-pagination__link--${kind}${kind === 'prev' || kind === 'next' ? ' fr-pagination__link--lg-label' : ''}`;
    const disabled = target < 1 || target > pages || target === page;
    return (
      <li>
        {disabled ? (
          // biome-ignore lint/a11y/useValidAnchor: the DSFR's disabled pagination link, announced as such
          <a className={className} aria-disabled="true" role="link">
            {label}
          </a>
        ) : (
          <Link className={className} to={{ search: searchOf(target) }}>
            {label}
          </Link>
        )}
      </li>
    );
  };
  return (
    <nav className="fr-pagination fr-mt-3w" aria-label="Pages du journal" data-testid="audit-pagination">
      <ul className="fr-pagination__list">
        {item(1, 'first', 'Première page')}
        {item(page - 1, 'prev', 'Page précédente')}
        <li>
          <span className="fr-pagination__link" aria-current="page">
            Page {page} sur {pages}
          </span>
        </li>
        {item(page + 1, 'next', 'Page suivante')}
        {item(pages, 'last', 'Dernière page')}
      </ul>
    </nav>
  );
}
