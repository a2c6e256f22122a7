import type { DashboardFilterKind } from '@dataetat/widgets';
import { formatDate, WidgetHostProvider } from '@dataetat/widgets/react';
import { useQuery } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { Navigate, useLocation, useParams } from 'react-router-dom';
import { ApiError } from '../api/client.ts';
import type { GrantedDashboard } from '../api/sharingTypes.ts';
import { ValuesSourceProvider } from '../api/valuesSource.tsx';
import { useAuth } from '../auth/AuthProvider.tsx';
import { Loading } from '../components/Loading.tsx';
import { FiltersBar } from '../dashboards/FiltersBar.tsx';
import { useDashboardView } from '../dashboards/useDashboardView.ts';
import { ViewGrid } from '../dashboards/ViewGrid.tsx';
import { fetchGrantedDashboard, linkValuesSource, linkWidgetHost } from '../sharing/linkApi.ts';
import {
  describeLockedFilter,
  filterKindOf,
  lockedFieldLabel,
  lockedLabelsOf,
  lockedTerritory,
} from '../sharing/lockedFilters.ts';
import '../dashboards/dashboards.css';
import '../sharing/sharing.css';

/**
 * `/s/<jeton>` — a dashboard opened by a share link: read-only, no account needed (unless the
 * link is for signed-in agents: then the login page, and back here). A refused link gets a
 * French page saying why, never the login page nor a blank one.
 */
export default function SharedLinkPage() {
  const { token = '' } = useParams();
  const { user } = useAuth();
  const location = useLocation();
  const granted = useQuery({
    // The session is part of the answer (« agents connectés »): signing in refetches it.
    queryKey: ['grant', 'link', token, user?.id ?? null],
    queryFn: ({ signal }) => fetchGrantedDashboard(token, signal),
    enabled: user !== undefined,
    retry: false,
    staleTime: 0,
  });
  if (user === undefined || granted.isPending) return <Loading label="Ouverture du lien…" height={300} />;
  if (granted.error) {
    const error = granted.error;
    if (error instanceof ApiError && error.code === 'GRANT_LOGIN_REQUIRED' && user === null) {
      const back = `${location.pathname}${location.search}`;
      return <Navigate to={`/connexion?retour=${encodeURIComponent(back)}`} replace />;
    }
    return <RefusedLink error={error} />;
  }
  return <SharedDashboard token={token} granted={granted.data} />;
}

const REFUSALS: Record<string, string> = {
  GRANT_NOT_FOUND: 'Ce lien n’existe pas',
  GRANT_EXPIRED: 'Ce lien a expiré',
  GRANT_REVOKED: 'Ce lien a été révoqué',
  GRANT_CREATOR_INACTIVE: 'Ce lien n’est plus valable',
  GRANT_OUT_OF_RESOURCE: 'Ce lien ne vous donne pas accès à ces données',
  GRANT_LOGIN_REQUIRED: 'Ce lien est réservé aux agents connectés',
  GRANT_RATE_LIMITED: 'Ce lien est très sollicité',
};

function RefusedLink({ error }: { error: Error }) {
  const code = error instanceof ApiError ? error.code : '';
  const title = REFUSALS[code] ?? 'Ce lien ne peut pas être ouvert';
  const message =
    error instanceof ApiError
      ? error.message
      : 'Une erreur inattendue est survenue. Réessayez dans un instant.';
  return (
    <div className="fr-my-4w" data-testid="lien-refuse">
      <title>{`${title} — Data-État`}</title>
      <h1>{title}</h1>
      <div className="fr-alert fr-alert--warning fr-mb-3w" role="alert">
        <p>{message}</p>
      </div>
      <p>
        Demandez un nouveau lien à la personne qui vous l’a envoyé
        {code === 'GRANT_RATE_LIMITED' ? ', ou réessayez dans une minute.' : '.'}
      </p>
    </div>
  );
}

function SharedDashboard({ token, granted }: { token: string; granted: GrantedDashboard }) {
  const { dashboard, grant, catalogue } = granted;
  const definition = dashboard.definition;
  const host = useMemo(() => linkWidgetHost(token), [token]);
  const values = useMemo(() => linkValuesSource(token, catalogue), [token, catalogue]);
  const { view, setView, select } = useDashboardView(definition);
  const fieldLabel = useCallback(
    (field: string) =>
      catalogue.flatMap((d) => d.dimensions).find((dim) => dim.id === field)?.label ??
      lockedFieldLabel(field),
    [catalogue],
  );
  const labels = useMemo(() => lockedLabelsOf(grant.lockedLabels), [grant.lockedLabels]);
  // One text per global filter a locked value fixes (« Département : Ille-et-Vilaine (35) »).
  const locked = useMemo(() => {
    const texts = new Map<DashboardFilterKind, string>();
    for (const filter of grant.lockedFilters) {
      const kind = filterKindOf(filter.field);
      if (!kind) continue;
      const text = describeLockedFilter(filter, labels);
      texts.set(kind, texts.has(kind) ? `${texts.get(kind)} ; ${text}` : text);
    }
    return texts;
  }, [grant.lockedFilters, labels]);
  const territoryRoot = useMemo(
    () => lockedTerritory(grant.lockedFilters, grant.lockedLabels, grant.territory),
    [grant.lockedFilters, grant.lockedLabels, grant.territory],
  );
  const otherLocks = grant.lockedFilters.filter((f) => filterKindOf(f.field) === null);
  const widgetTitle = (id: string) => definition.widgets.find((w) => w.id === id)?.title ?? id;
  const usedIds = new Set(definition.widgets.map((w) => w.query?.dataset));
  const used = catalogue.filter((d) => usedIds.has(d.id));
  return (
    <WidgetHostProvider host={host}>
      <ValuesSourceProvider source={values}>
        <title>{`${dashboard.title} — Vue partagée — Data-État`}</title>
        <div className="fr-notice fr-notice--info shared-banner" data-testid="bandeau-partage">
          <div className="fr-container">
            <div className="fr-notice__body">
              <p className="fr-notice__title">
                Vue partagée, en lecture seule
                {grant.sharedBy ? ` : ${grant.sharedBy} vous a partagé ce tableau de bord` : ''}
                {grant.expiresAt ? `, jusqu’au ${formatDate(grant.expiresAt)}` : ''}.
              </p>
              <p className="fr-notice__desc fr-text--sm">
                {grant.agentsOnly
                  ? 'Réservée aux agents connectés : votre territoire s’applique aussi. '
                  : ''}
                {otherLocks.length > 0
                  ? `Le lien impose aussi : ${otherLocks.map((f) => describeLockedFilter(f, labels)).join(' ; ')}.`
                  : ''}
              </p>
            </div>
          </div>
        </div>
        <div className="dashboard-page">
          <div className="dashboard-page__main">
            <div className="dashboard-header">
              <div>
                <h1 className="fr-mb-1w">{dashboard.title}</h1>
                {dashboard.description && <p className="fr-mb-1w">{dashboard.description}</p>}
                <p className="fr-text--sm fr-mb-0 dashboard-header__meta">
                  Modifié le {formatDate(dashboard.updatedAt)}
                </p>
              </div>
            </div>
            {definition.widgets.length === 0 ? (
              <div className="fr-callout">
                <p className="fr-callout__text">Ce tableau de bord ne contient aucune visualisation.</p>
              </div>
            ) : (
              <>
                {definition.filters.length > 0 && (
                  <FiltersBar
                    filters={definition.filters}
                    view={view}
                    onChange={setView}
                    datasets={used}
                    fieldLabel={fieldLabel}
                    widgetTitle={widgetTitle}
                    locked={locked}
                    territoryRoot={territoryRoot}
                  />
                )}
                <ViewGrid
                  definition={definition}
                  view={view}
                  catalogue={catalogue}
                  onSelect={select}
                  fieldLabel={fieldLabel}
                />
              </>
            )}
          </div>
        </div>
      </ValuesSourceProvider>
    </WidgetHostProvider>
  );
}
