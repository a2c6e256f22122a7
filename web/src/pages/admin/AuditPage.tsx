import { Select } from '@codegouvfr/react-dsfr/Select';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { fetchAudit } from '../../auth/api.ts';
import type { AuditEntry } from '../../auth/types.ts';
import { Loading } from '../../components/Loading.tsx';
import { QueryErrorAlert } from '../../components/QueryErrorAlert.tsx';
import { describeViews, formatDateTime } from './format.ts';

const ACTION_LABELS: Record<string, string> = {
  login: 'Connexion',
  login_failed: 'Échec de connexion',
  logout: 'Déconnexion',
  user_created: 'Compte créé',
  user_updated: 'Compte modifié',
  export: 'Export de données',
  dashboard_created: 'Tableau de bord créé',
  dashboard_updated: 'Tableau de bord enregistré',
  dashboard_deleted: 'Tableau de bord mis à la corbeille',
  dashboard_restored: 'Tableau de bord restauré',
  dashboard_shared: 'Tableau de bord partagé',
  dashboard_unshared: 'Partage retiré',
  share_link_created: 'Lien de partage créé',
  share_link_revoked: 'Lien de partage révoqué',
  embed_created: 'Intégration créée',
  embed_revoked: 'Intégration révoquée',
};

const LIMITS = [50, 100, 500] as const;

interface ExportedSpec {
  readonly measures?: readonly string[];
  readonly dimensions?: readonly string[];
  readonly filters?: readonly { field: string; op: string; values?: readonly unknown[] }[];
}

/** An exported query in words: what was measured, by what, with which filters. */
function describeSpec(spec: ExportedSpec): string {
  const filters = (spec.filters ?? []).map((f) => `${f.field} ${f.op} ${(f.values ?? []).join(', ')}`.trim());
  return [
    `mesures : ${(spec.measures ?? []).join(', ') || '—'}`,
    `par : ${(spec.dimensions ?? []).join(', ') || '—'}`,
    `filtres : ${filters.join(' ; ') || 'aucun'}`,
  ].join(' ; ');
}

/** Short French reading of an entry's details (method, reason, changed fields). */
function describe(entry: AuditEntry): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(entry.details)) {
    if (key === 'spec' && value && typeof value === 'object') {
      parts.push(describeSpec(value as ExportedSpec));
    } else if (value && typeof value === 'object' && 'to' in value) {
      const change = value as { from?: unknown; to?: unknown };
      parts.push(`${key} : ${String(change.from ?? '—')} → ${String(change.to)}`);
    } else {
      parts.push(`${key} : ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`);
    }
  }
  return parts.join(' ; ');
}

/** « Journal d'audit »: who did what, newest first. */
export function AuditPage() {
  const [limit, setLimit] = useState<number>(100);
  const entries = useQuery({
    queryKey: ['admin', 'audit', limit],
    queryFn: ({ signal }) => fetchAudit(limit, signal),
  });
  return (
    <>
      <title>Journal d’audit — Administration — Data-État</title>
      <h1>Journal d’audit</h1>
      <p className="fr-text--lead">
        Connexions, échecs de connexion, modifications de comptes, exports, tableaux de bord et partages, du
        plus récent au plus ancien.
      </p>
      <div className="fr-col-12 fr-col-md-4">
        <Select
          label="Nombre d’entrées affichées"
          nativeSelectProps={{ value: String(limit), onChange: (e) => setLimit(Number(e.target.value)) }}
        >
          {LIMITS.map((n) => (
            <option key={n} value={n}>
              {n} dernières
            </option>
          ))}
        </Select>
      </div>
      {entries.isPending && <Loading label="Chargement du journal…" height={200} />}
      {entries.error && <QueryErrorAlert error={entries.error} onRetry={entries.refetch} />}
      {entries.data?.entries.length === 0 && <p>Le journal est vide pour l’instant.</p>}
      {entries.data && entries.data.entries.length > 0 && (
        <div className="fr-table" data-testid="audit-table">
          <table>
            <caption>Dernières actions enregistrées</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Action</th>
                <th scope="col">Résultat</th>
                <th scope="col">Auteur</th>
                <th scope="col">Objet</th>
                <th scope="col">Adresse IP</th>
                <th scope="col">Détails</th>
              </tr>
            </thead>
            <tbody>
              {entries.data.entries.map((entry) => (
                <tr key={entry.id}>
                  <td>{formatDateTime(entry.at)}</td>
                  <td>{ACTION_LABELS[entry.action] ?? entry.action}</td>
                  <td>{entry.outcome === 'success' ? 'Réussite' : 'Échec'}</td>
                  <td>{entry.actorEmail ?? '—'}</td>
                  <td>{entry.target ?? '—'}</td>
                  <td>{entry.ip ?? '—'}</td>
                  <td style={{ overflowWrap: 'anywhere', minWidth: '16rem' }}>{describe(entry)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {entries.data && entries.data.views.length > 0 && (
        <>
          <h2 className="fr-mt-6w">Consultations des liens de partage et des intégrations</h2>
          <ul data-testid="audit-views">
            {entries.data.views.map((v) => (
              <li key={`${v.kind}-${v.grantId}-${v.day}`}>{describeViews(v)}</li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

export default AuditPage;
