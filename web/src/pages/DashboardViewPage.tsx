import { Button } from '@codegouvfr/react-dsfr/Button';
import { formatDate } from '@dataetat/widgets/react';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../api/client.ts';
import { useDashboard, useDashboardMutations, useDashboardVersion } from '../api/dashboards.ts';
import { useAuth } from '../auth/AuthProvider.tsx';
import { hasRole } from '../auth/types.ts';
import { Loading } from '../components/Loading.tsx';
import { QueryErrorAlert } from '../components/QueryErrorAlert.tsx';
import { DashboardBreadcrumb } from '../dashboards/DashboardBreadcrumb.tsx';
import { DashboardCanvas } from '../dashboards/DashboardCanvas.tsx';
import { VersionPreviewNotice } from '../dashboards/VersionPreviewNotice.tsx';
import { VersionsPanel } from '../dashboards/VersionsPanel.tsx';
import { ShareButton, ShareDialog } from '../sharing/ShareDialog.tsx';
import '../dashboards/dashboards.css';

/** `/tableaux-de-bord/:id` — a dashboard to read, filter, print, and (for its editors) to edit. */
export default function DashboardViewPage() {
  const { id = '' } = useParams();
  const dashboard = useDashboard(id);
  const { user } = useAuth();
  const isEditor = user ? hasRole(user, 'editeur') : false;
  const navigate = useNavigate();
  const { create } = useDashboardMutations();
  const [showVersions, setShowVersions] = useState(false);
  const [previewing, setPreviewing] = useState<number | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const preview = useDashboardVersion(id, previewing);

  if (dashboard.isPending) return <Loading label="Chargement du tableau de bord…" height={300} />;
  if (dashboard.error) {
    return (
      <>
        <title>Tableau de bord introuvable — Data-État</title>
        <h1>Tableau de bord</h1>
        <QueryErrorAlert error={dashboard.error} onRetry={dashboard.refetch} />
        <Link to="/tableaux-de-bord" className="fr-link fr-icon-arrow-left-line fr-link--icon-left">
          Retour aux tableaux de bord
        </Link>
      </>
    );
  }
  const d = dashboard.data;
  const shown = previewing !== null && preview.data ? preview.data.definition : d.definition;
  const duplicate = () =>
    create.mutate(
      { title: `Copie de ${d.title}`, duplicateOf: d.id },
      { onSuccess: (copy) => void navigate(`/tableaux-de-bord/${encodeURIComponent(copy.id)}/modifier`) },
    );

  return (
    <div className={showVersions ? 'dashboard-page has-side-panel' : 'dashboard-page'}>
      <title>{`${d.title} — Tableaux de bord — Data-État`}</title>
      <div className="dashboard-page__main">
        <DashboardBreadcrumb current={d.title} className="no-print" />
        <div className="dashboard-header">
          <div>
            <h1 className="fr-mb-1w">{d.title}</h1>
            {d.description && <p className="fr-mb-1w">{d.description}</p>}
            <p className="fr-text--sm fr-mb-0 dashboard-header__meta">
              {d.isReference && (
                <span className="fr-badge fr-badge--sm fr-badge--info fr-badge--no-icon fr-mr-1w">
                  Référence
                </span>
              )}
              Version {d.version}, modifiée le {formatDate(d.updatedAt)} — {d.owner.name}
            </p>
          </div>
          <ul className="fr-btns-group fr-btns-group--inline-sm fr-btns-group--icon-left dashboard-header__actions no-print">
            {d.canEdit && isEditor && (
              <li>
                <Link
                  className="fr-btn fr-btn--sm fr-icon-edit-line"
                  to={`/tableaux-de-bord/${encodeURIComponent(d.id)}/modifier`}
                >
                  Modifier
                </Link>
              </li>
            )}
            {d.canShare && (
              <li>
                <ShareButton />
              </li>
            )}
            {isEditor && (
              <li>
                <Button
                  size="small"
                  priority="secondary"
                  iconId="fr-icon-file-add-line"
                  onClick={duplicate}
                  disabled={create.isPending}
                >
                  Dupliquer
                </Button>
              </li>
            )}
            <li>
              <Button
                size="small"
                priority="tertiary"
                iconId="fr-icon-time-line"
                nativeButtonProps={{ 'aria-expanded': showVersions }}
                onClick={() => {
                  setShowVersions((open) => !open);
                  setPreviewing(null);
                }}
              >
                Versions
              </Button>
            </li>
            <li>
              <Button
                size="small"
                priority="tertiary"
                iconId="fr-icon-printer-line"
                onClick={() => window.print()}
              >
                Imprimer
              </Button>
            </li>
          </ul>
        </div>
        {create.error && (
          <div className="fr-alert fr-alert--error fr-alert--sm fr-mb-2w" role="alert">
            <p>{create.error instanceof ApiError ? create.error.message : 'La copie a échoué.'}</p>
          </div>
        )}
        {notice && (
          <div className="fr-alert fr-alert--success fr-alert--sm fr-mb-2w" role="status">
            <p>{notice}</p>
          </div>
        )}
        {previewing !== null && (
          <VersionPreviewNotice>
            {preview.isPending
              ? `Chargement de la version ${previewing}…`
              : `Aperçu de la version ${previewing}, en lecture seule. La version actuelle est la ${d.version}.`}
          </VersionPreviewNotice>
        )}
        {shown.widgets.length === 0 ? (
          <div className="fr-callout">
            <h2 className="fr-callout__title">Ce tableau de bord est vide</h2>
            <p className="fr-callout__text">
              {d.canEdit && isEditor
                ? 'Ouvrez-le en modification pour ajouter une carte, un graphique ou un tableau.'
                : 'Son auteur n’y a pas encore ajouté de visualisation.'}
            </p>
            {d.canEdit && isEditor && (
              <Link className="fr-btn" to={`/tableaux-de-bord/${encodeURIComponent(d.id)}/modifier`}>
                Ajouter une visualisation
              </Link>
            )}
          </div>
        ) : (
          <DashboardCanvas key={previewing ?? 'actuelle'} definition={shown} />
        )}
      </div>
      {d.canShare && <ShareDialog dashboard={d} />}
      {showVersions && (
        <VersionsPanel
          dashboardId={d.id}
          currentVersion={d.version}
          previewing={previewing}
          onPreview={setPreviewing}
          restoreBlocked={
            d.canEdit && isEditor
              ? null
              : 'Seuls les éditeurs de ce tableau de bord peuvent restaurer une version.'
          }
          onRestored={(restored) =>
            setNotice(`Version restaurée : elle devient la version ${restored.version}.`)
          }
          onClose={() => {
            setShowVersions(false);
            setPreviewing(null);
          }}
        />
      )}
    </div>
  );
}
