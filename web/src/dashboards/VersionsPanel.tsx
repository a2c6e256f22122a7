import { formatDate } from '@dataetat/widgets/react';
import { useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { ApiError } from '../api/client.ts';
import {
  type Dashboard,
  dashboardKeys,
  restoreDashboardVersion,
  useDashboardVersions,
} from '../api/dashboards.ts';

const timeFormat = new Intl.DateTimeFormat('fr-FR', {
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/Paris',
});
const when = (iso: string) => `${formatDate(iso) ?? ''} à ${timeFormat.format(new Date(iso))}`;

export interface VersionsPanelProps {
  readonly dashboardId: string;
  readonly currentVersion: number;
  /** Version shown read-only in place of the current one; null = the current one. */
  readonly previewing: number | null;
  readonly onPreview: (version: number | null) => void;
  /** Why restoring is not possible right now (lecteur, unsaved edits); null = allowed. */
  readonly restoreBlocked: string | null;
  readonly onRestored: (dashboard: Dashboard) => void;
  readonly onClose: () => void;
}

/**
 * « Historique des versions »: who saved what and when; any version can be previewed (drawn
 * read-only) and restored — restoring writes a new version, the history is never rewritten.
 */
export function VersionsPanel(props: VersionsPanelProps) {
  const { dashboardId, currentVersion, previewing } = props;
  const headingId = useId();
  const versions = useDashboardVersions(dashboardId);
  const client = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const restore = async (version: number) => {
    setBusy(true);
    setError(null);
    try {
      const dashboard = await restoreDashboardVersion(dashboardId, version);
      client.setQueryData(dashboardKeys.one(dashboardId), dashboard);
      await client.invalidateQueries({ queryKey: dashboardKeys.all });
      props.onPreview(null);
      props.onRestored(dashboard);
    } catch (cause) {
      setError(
        cause instanceof ApiError ? cause.message : 'La restauration a échoué. Réessayez dans un instant.',
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <aside className="dashboard-side-panel" aria-labelledby={headingId} data-testid="versions-panel">
      <div className="dashboard-side-panel__head">
        <h2 id={headingId} className="fr-h5 fr-mb-0">
          Historique des versions
        </h2>
        <button
          type="button"
          className="fr-btn fr-btn--close"
          onClick={props.onClose}
          title="Fermer l’historique"
        >
          Fermer
        </button>
      </div>
      {error && (
        <div className="fr-alert fr-alert--error fr-alert--sm fr-mb-2w" role="alert">
          <p>{error}</p>
        </div>
      )}
      {props.restoreBlocked && <p className="fr-text--sm">{props.restoreBlocked}</p>}
      {versions.isPending ? (
        <p role="status">Chargement des versions…</p>
      ) : versions.error ? (
        <div className="fr-alert fr-alert--error fr-alert--sm" role="alert">
          <p>{versions.error.message}</p>
        </div>
      ) : (
        <ol className="dashboard-versions" reversed>
          {[...versions.data]
            .sort((a, b) => b.version - a.version)
            .map((v) => {
              const isCurrent = v.version === currentVersion;
              const shown = previewing === v.version || (previewing === null && isCurrent);
              return (
                <li
                  key={v.version}
                  className={shown ? 'is-shown' : undefined}
                  data-testid={`version-${v.version}`}
                >
                  <p className="fr-mb-0">
                    <strong>Version {v.version}</strong>
                    {isCurrent && (
                      <span className="fr-badge fr-badge--sm fr-badge--success fr-ml-1w">Actuelle</span>
                    )}
                  </p>
                  <p className="fr-text--sm fr-mb-0">
                    {when(v.createdAt)} par {v.authorName}
                  </p>
                  {v.message && (
                    <p className="fr-text--sm fr-mb-0 dashboard-versions__message">{v.message}</p>
                  )}
                  <div className="dashboard-versions__actions">
                    {!isCurrent && (
                      <button
                        type="button"
                        className="fr-btn fr-btn--sm fr-btn--tertiary"
                        aria-pressed={previewing === v.version}
                        onClick={() => props.onPreview(previewing === v.version ? null : v.version)}
                      >
                        {previewing === v.version ? 'Quitter l’aperçu' : 'Aperçu'}
                        <span className="fr-sr-only"> de la version {v.version}</span>
                      </button>
                    )}
                    {!isCurrent && props.restoreBlocked === null && (
                      <button
                        type="button"
                        className="fr-btn fr-btn--sm fr-btn--secondary"
                        disabled={busy}
                        onClick={() => void restore(v.version)}
                      >
                        Restaurer<span className="fr-sr-only"> la version {v.version}</span>
                      </button>
                    )}
                  </div>
                </li>
              );
            })}
        </ol>
      )}
    </aside>
  );
}
