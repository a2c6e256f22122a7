import { Link } from 'react-router-dom';

/**
 * The DSFR breadcrumb of the dashboard pages: « Tableaux de bord », then the dashboard itself
 * when the current page is one of its sub-pages (the editor), then the current page.
 */
export function DashboardBreadcrumb({
  dashboard,
  current,
  className = '',
}: {
  readonly dashboard?: { readonly id: string; readonly title: string };
  readonly current: string;
  readonly className?: string;
}) {
  return (
    <nav className={`fr-breadcrumb fr-mt-0 fr-mb-2w ${className}`.trim()} aria-label="vous êtes ici :">
      <ol className="fr-breadcrumb__list">
        <li>
          <Link className="fr-breadcrumb__link" to="/tableaux-de-bord">
            Tableaux de bord
          </Link>
        </li>
        {dashboard && (
          <li>
            <Link
              className="fr-breadcrumb__link"
              to={`/tableaux-de-bord/${encodeURIComponent(dashboard.id)}`}
            >
              {dashboard.title}
            </Link>
          </li>
        )}
        <li>
          <span className="fr-breadcrumb__link" aria-current="page">
            {current}
          </span>
        </li>
      </ol>
    </nav>
  );
}
