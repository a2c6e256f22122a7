import { formatDate, formatInteger } from '@dataetat/widgets/react';
import type { DatasetSummary } from '../api/types.ts';

/** Provenance and freshness of a dataset, as a short list. */
export function DatasetFacts({ dataset }: { dataset: DatasetSummary }) {
  const date = formatDate(dataset.updatedAt);
  return (
    <ul className="fr-text--sm fr-mb-0">
      <li>
        Source :{' '}
        {dataset.source.url ? (
          <a
            href={dataset.source.url}
            target="_blank"
            rel="noreferrer"
            title={`${dataset.source.name} — nouvelle fenêtre`}
          >
            {dataset.source.name}
          </a>
        ) : (
          dataset.source.name
        )}
      </li>
      <li>Licence : {dataset.source.licence}</li>
      <li>Une ligne = {lowerFirst(dataset.grain)}</li>
      {dataset.period && <li>Période couverte : {dataset.period}</li>}
      <li>{date ? `Chargées le ${date}` : 'Pas encore chargées'}</li>
      {dataset.rowCount !== null && <li>{formatInteger(dataset.rowCount)} lignes</li>}
    </ul>
  );
}

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);
