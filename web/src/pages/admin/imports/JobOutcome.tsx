import { Alert } from '@codegouvfr/react-dsfr/Alert';
import type { ImportJob } from '@dataetat/widgets';
import { formatInteger } from '@dataetat/widgets/react';
import { isReference, modeLabel, outcomeSeverity } from './jobView.ts';

const kindWord = (kind: 'ae' | 'cp' | 'subvention') =>
  kind === 'ae' ? 'engagements (AE)' : kind === 'cp' ? 'paiements (CP)' : 'subventions';

/** How a finished import ended: what was replaced, or why nothing was. */
export function JobOutcome({ job }: { readonly job: ImportJob }) {
  const title =
    job.status === 'succeeded'
      ? `Import n° ${job.id} terminé`
      : `Import n° ${job.id} : ${job.statusLabel.toLowerCase()}`;
  return (
    <div data-testid="import-outcome">
      <Alert
        severity={outcomeSeverity(job.status)}
        title={title}
        className="fr-mb-3w"
        description={
          <>
            {job.message && <p>{job.message}</p>}
            {job.status === 'succeeded' && isReference(job) && (
              <p>
                {formatInteger(job.counters.linesValid)} entrée(s) importée(s)
                {job.mode && ` (mode « ${modeLabel(job)} »)`} : elles remplacent le référentiel précédent
                {job.dataset === 'referentiel_calculette'
                  ? ' ; les libellés des domaines fonctionnels, centres de coûts et ministères sont à jour dans les données Chorus.'
                  : job.dataset === 'referentiel_qpv_lieu_action'
                    ? ' ; les lignes Chorus de ces EJ sont placées dans leurs quartiers prioritaires, pour leur part (dimension et carte « Quartier prioritaire »), et les prochains imports Chorus le seront aussi.'
                    : ' ; les prochains imports Chorus seront localisés avec lui (les lignes déjà importées gardent leur lieu).'}
              </p>
            )}
            {job.status === 'succeeded' && !isReference(job) && (
              <>
                <p>
                  {formatInteger(job.counters.linesValid)} ligne(s) valide(s) importée(s)
                  {job.mode && ` (mode « ${modeLabel(job)} »)`}
                  {job.datasetLines !== null &&
                    ` ; le jeu de données compte maintenant ${formatInteger(job.datasetLines)} lignes`}
                  .
                </p>
                {job.slices.length > 0 && (
                  <ul>
                    {job.slices.map((s) => (
                      <li key={`${s.kind}-${s.year}-${s.region}`}>
                        {s.year}, {s.regionLabel ?? (s.region ? `région ${s.region}` : 'toutes régions')} :{' '}
                        {formatInteger(s.lines)} ligne(s) de {kindWord(s.kind)}{' '}
                        {s.kind === 'subvention' ? 'importée(s)' : 'remplacée(s)'}
                      </li>
                    ))}
                  </ul>
                )}
              </>
            )}
          </>
        }
      />
    </div>
  );
}
