import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { AUDIT_ACTION_LABELS, AUDIT_ACTIONS, type AuditAction } from '@dataetat/widgets';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { fetchAudit } from '../../auth/api.ts';
import type { AuditEntry } from '../../auth/types.ts';
import { Loading } from '../../components/Loading.tsx';
import { QueryErrorAlert } from '../../components/QueryErrorAlert.tsx';
import { AuditPagination } from './AuditPagination.tsx';
import {
  type AuditFilters,
  auditCsvUrl,
  auditListUrl,
  hasFilters,
  NO_FILTERS,
  PAGE_SIZES,
  pageCount,
  searchOfView,
  viewFromSearch,
} from './auditQuery.ts';
import { describeCount, describeViews, formatDateTime } from './format.ts';

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

/** Details already shown by name in the « Objet » column (ids of links and embeds, titles). */
const NAMED_ELSEWHERE = new Set(['linkId', 'embedId', 'label', 'title']);

/** Short French reading of an entry's details (method, reason, changed fields). */
function describe(entry: AuditEntry): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(entry.details)) {
    if (NAMED_ELSEWHERE.has(key)) continue;
    // A share names the person by e-mail: the account's internal id adds nothing.
    if (key === 'userId' && 'email' in entry.details) continue;
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

const actionLabel = (action: string) => AUDIT_ACTION_LABELS[action as AuditAction] ?? action;

/** The object of an entry by name: title or label, and the link or embed it went through. */
function objectOf(entry: AuditEntry): string {
  const target = entry.targetLabel ?? entry.target ?? '—';
  if (!entry.grantLabel) return target;
  const grant = entry.action.startsWith('embed_') ? 'intégration' : 'lien';
  return `${target} — ${grant} « ${entry.grantLabel} »`;
}

/** Who, what, when: edited here, applied to the address (and so to the table) on « Filtrer ». */
function AuditFilterForm({
  applied,
  onApply,
}: {
  readonly applied: AuditFilters;
  readonly onApply: (filters: AuditFilters) => void;
}) {
  const [draft, setDraft] = useState(applied);
  // Back/forward in the browser changes the applied filters: the form follows (adjusted during
  // render, not remounted, so the focus stays on the control that submitted).
  const appliedKey = JSON.stringify(applied);
  const [seenKey, setSeenKey] = useState(appliedKey);
  if (appliedKey !== seenKey) {
    setSeenKey(appliedKey);
    setDraft(applied);
  }
  const set = <K extends keyof AuditFilters>(key: K, value: AuditFilters[K]) =>
    setDraft((current) => ({ ...current, [key]: value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply(draft);
  };
  return (
    <form onSubmit={submit} aria-label="Filtrer le journal" data-testid="audit-filters">
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-4">
          <Input
            label="Auteur"
            hintText="Adresse électronique ou nom, même partiel"
            nativeInputProps={{
              type: 'search',
              maxLength: 200,
              value: draft.actor,
              onChange: (e) => set('actor', e.target.value),
            }}
          />
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <Select
            label="Action"
            hint="Ce qui a été fait"
            nativeSelectProps={{
              value: draft.action,
              onChange: (e) => set('action', e.target.value as AuditFilters['action']),
            }}
          >
            <option value="">Toutes les actions</option>
            {AUDIT_ACTIONS.map((action) => (
              <option key={action} value={action}>
                {AUDIT_ACTION_LABELS[action]}
              </option>
            ))}
          </Select>
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <Select
            label="Résultat"
            hint="Réussite ou échec"
            nativeSelectProps={{
              value: draft.outcome,
              onChange: (e) => set('outcome', e.target.value as AuditFilters['outcome']),
            }}
          >
            <option value="">Tous les résultats</option>
            <option value="success">Réussite</option>
            <option value="failure">Échec</option>
          </Select>
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <Input
            label="Du"
            hintText="Premier jour inclus (heure de Paris)"
            nativeInputProps={{
              type: 'date',
              value: draft.from,
              max: draft.to || undefined,
              onChange: (e) => set('from', e.target.value),
            }}
          />
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <Input
            label="Au"
            hintText="Dernier jour inclus (heure de Paris)"
            nativeInputProps={{
              type: 'date',
              value: draft.to,
              min: draft.from || undefined,
              onChange: (e) => set('to', e.target.value),
            }}
          />
        </div>
        <div className="fr-col-12 fr-col-md-4 fr-mt-md-7w">
          <ul className="fr-btns-group fr-btns-group--inline">
            <li>
              <Button type="submit">Filtrer</Button>
            </li>
            <li>
              <Button
                type="button"
                priority="tertiary"
                disabled={!hasFilters(applied) && !hasFilters(draft)}
                onClick={() => {
                  setDraft(NO_FILTERS);
                  onApply(NO_FILTERS);
                }}
              >
                Réinitialiser
              </Button>
            </li>
          </ul>
        </div>
      </div>
    </form>
  );
}

/** « Journal d'audit »: who did what, newest first, filtered by who, what and when. */
export function AuditPage() {
  const [search, setSearch] = useSearchParams();
  const view = viewFromSearch(search);
  const url = auditListUrl(view);
  const journal = useQuery({
    queryKey: ['admin', 'audit', url],
    queryFn: ({ signal }) => fetchAudit(url, signal),
    // The table stays while the next page or filter loads (no jump to a spinner).
    placeholderData: keepPreviousData,
  });
  const data = journal.data;
  const pages = data ? pageCount(data.total, data.pageSize) : 1;
  return (
    <>
      <title>Journal d’audit — Administration — Data-État</title>
      <h1>Journal d’audit</h1>
      <p className="fr-text--lead">
        Connexions, échecs de connexion, modifications de comptes, exports, tableaux de bord et partages, du
        plus récent au plus ancien.
      </p>
      <AuditFilterForm
        applied={view.filters}
        onApply={(filters) => setSearch(searchOfView({ filters, page: 1, pageSize: view.pageSize }))}
      />
      <div className="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom fr-mt-2w">
        <div className="fr-col-12 fr-col-md-4">
          <Select
            label="Entrées par page"
            nativeSelectProps={{
              value: String(view.pageSize),
              onChange: (e) =>
                setSearch(searchOfView({ filters: view.filters, page: 1, pageSize: Number(e.target.value) })),
            }}
          >
            {PAGE_SIZES.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </Select>
        </div>
        <div className="fr-col-12 fr-col-md-8">
          <a
            className="fr-btn fr-btn--secondary fr-icon-download-line fr-btn--icon-left fr-mb-3w"
            href={auditCsvUrl(view.filters)}
            download
          >
            Exporter en CSV
          </a>
        </div>
      </div>
      <p role="status" data-testid="audit-count">
        {/* The previous answer stays on screen while the next loads: its count would lie. */}
        {journal.isPlaceholderData
          ? 'Chargement du journal…'
          : data && describeCount(data.total, data.page, pages, hasFilters(view.filters))}
      </p>
      {journal.isPending && <Loading label="Chargement du journal…" height={200} />}
      {journal.error && <QueryErrorAlert error={journal.error} onRetry={journal.refetch} />}
      {data?.entries.length === 0 &&
        (hasFilters(view.filters) ? (
          <p data-testid="audit-empty">
            Aucune entrée ne correspond à ces filtres. Élargissez la période ou retirez un filtre.
          </p>
        ) : (
          <p data-testid="audit-empty">
            {data.page > 1
              ? 'Cette page est vide : revenez à la première.'
              : 'Le journal est vide pour l’instant.'}
          </p>
        ))}
      {data && data.entries.length > 0 && (
        <>
          <div className="fr-table" data-testid="audit-table" aria-busy={journal.isFetching}>
            <table>
              <caption>Actions enregistrées, les plus récentes d’abord</caption>
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
                {data.entries.map((entry) => (
                  <tr key={entry.id}>
                    <td>{formatDateTime(entry.at)}</td>
                    <td>{actionLabel(entry.action)}</td>
                    <td>{entry.outcome === 'success' ? 'Réussite' : 'Échec'}</td>
                    <td>
                      {entry.actorName && (
                        <>
                          {entry.actorName}
                          <br />
                        </>
                      )}
                      {entry.actorEmail ?? '—'}
                    </td>
                    <td style={{ overflowWrap: 'anywhere' }}>{objectOf(entry)}</td>
                    <td>{entry.ip ?? '—'}</td>
                    <td style={{ overflowWrap: 'anywhere', minWidth: '16rem' }}>{describe(entry)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <AuditPagination
            page={data.page}
            pages={pages}
            searchOf={(page) => searchOfView({ ...view, page }).toString()}
          />
        </>
      )}
      {data && data.views.length > 0 && (
        <>
          <h2 className="fr-mt-6w">Consultations des liens de partage et des intégrations</h2>
          <ul data-testid="audit-views">
            {data.views.map((v) => (
              <li key={`${v.kind}-${v.grantId}-${v.day}`}>{describeViews(v)}</li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

export default AuditPage;
