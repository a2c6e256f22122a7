import type { ImportList } from '@dataetat/widgets';
import { formatInteger } from '@dataetat/widgets/react';
import { Link } from 'react-router-dom';
import { formatDateTime } from '../format.ts';
import { isPending } from './jobView.ts';
import { ScrollTable } from './ScrollTable.tsx';

/** Who imported what, when, with which outcome, newest first; each line links to its report. */
export function ImportHistory({ list, fetching }: { readonly list: ImportList; readonly fetching: boolean }) {
  if (list.imports.length === 0) {
    return (
      <p data-testid="import-history-empty">
        Aucun import pour l’instant : déposez un premier fichier ci-dessus.
      </p>
    );
  }
  return (
    <ScrollTable
      testId="import-history"
      className="fr-table--no-caption dataetat-history"
      busy={fetching}
      caption={
        <>
          {list.total > list.imports.length
            ? `Les ${list.imports.length} imports les plus récents (sur ${formatInteger(list.total)})`
            : 'Imports, les plus récents d’abord'}
        </>
      }
    >
      <thead>
        <tr>
          <th scope="col">Date</th>
          <th scope="col">Fichier</th>
          <th scope="col">Format</th>
          <th scope="col">Auteur</th>
          <th scope="col">Résultat</th>
          <th scope="col" className="dataetat-number">
            Lues
          </th>
          <th scope="col" className="dataetat-number">
            Valides
          </th>
          <th scope="col" className="dataetat-number">
            Rejetées
          </th>
          <th scope="col">Rapport</th>
        </tr>
      </thead>
      <tbody>
        {list.imports.map((job) => (
          <tr key={job.id} data-testid={`import-history-${job.id}`}>
            <td className="dataetat-nowrap">{formatDateTime(job.createdAt)}</td>
            <td>
              <div className="dataetat-name">
                {job.fileName}
                {isPending(job.status) && (
                  <>
                    <br />
                    <Link to={`?import=${job.id}`} className="fr-link fr-text--sm">
                      Reprendre l’import n° {job.id}
                    </Link>
                  </>
                )}
              </div>
            </td>
            <td>
              <div className="dataetat-name">{job.layout?.label ?? '—'}</div>
            </td>
            <td>
              <div className="dataetat-name">{job.author.email ?? '—'}</div>
            </td>
            <td>
              <div className="dataetat-reason">
                {job.statusLabel}
                {job.message && job.status !== 'succeeded' && (
                  <>
                    <br />
                    <span className="fr-text--xs">{job.message}</span>
                  </>
                )}
              </div>
            </td>
            <td className="dataetat-number">{formatInteger(job.counters.linesRead)}</td>
            <td className="dataetat-number">{formatInteger(job.counters.linesValid)}</td>
            <td className="dataetat-number">{formatInteger(job.counters.linesRejected)}</td>
            <td>
              {job.layout ? (
                <a href={job.reportUrl} download className="fr-link fr-text--sm">
                  Rapport n° {job.id}
                  <span className="fr-sr-only"> (CSV, {job.fileName})</span>
                </a>
              ) : (
                '—'
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}
