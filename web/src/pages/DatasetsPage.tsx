import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Card } from '@codegouvfr/react-dsfr/Card';
import { useDatasets } from '../api/hooks.ts';
import type { DatasetSummary } from '../api/types.ts';
import { DatasetFacts } from '../components/DatasetFacts.tsx';
import { Loading } from '../components/Loading.tsx';
import { QueryErrorAlert } from '../components/QueryErrorAlert.tsx';

export function DatasetsPage() {
  const datasets = useDatasets();
  return (
    <>
      <title>Jeux de données — Data-État</title>
      <h1>Jeux de données</h1>
      <p className="fr-text--lead">
        Les données que vous pouvez explorer, avec leur source, leur licence et leur date.
      </p>
      <DatasetsBody datasets={datasets} />
    </>
  );
}

function DatasetsBody({ datasets }: { datasets: ReturnType<typeof useDatasets> }) {
  if (datasets.isPending) return <Loading label="Chargement des jeux de données…" height={200} />;
  if (datasets.error) return <QueryErrorAlert error={datasets.error} onRetry={datasets.refetch} />;
  if (datasets.data.length === 0) {
    return (
      <div className="fr-callout">
        <p className="fr-callout__text">
          Aucun jeu de données n'est encore chargé. Un administrateur doit importer le pack de données (voir
          la documentation d'exploitation).
        </p>
      </div>
    );
  }
  return (
    <ul className="fr-grid-row fr-grid-row--gutters" style={{ listStyle: 'none', padding: 0 }}>
      {datasets.data.map((dataset) => (
        <li key={dataset.id} className="fr-col-12 fr-col-md-6">
          <DatasetCard dataset={dataset} />
        </li>
      ))}
    </ul>
  );
}

function DatasetCard({ dataset }: { dataset: DatasetSummary }) {
  return (
    <Card
      title={dataset.title}
      titleAs="h2"
      desc={dataset.description}
      enlargeLink
      linkProps={{ to: `/jeux-de-donnees/${encodeURIComponent(dataset.id)}` }}
      start={
        <ul className="fr-badges-group">
          <li>
            <Badge as="span" small noIcon>
              {plural(dataset.dimensions.length, 'dimension')} · {plural(dataset.measures.length, 'mesure')}
            </Badge>
          </li>
          {dataset.demo && (
            <li>
              <Badge as="span" small severity="warning">
                Données de démonstration
              </Badge>
            </li>
          )}
        </ul>
      }
      end={<DatasetFacts dataset={dataset} />}
      className="fr-card--no-arrow"
    />
  );
}

const plural = (count: number, word: string) => `${count} ${word}${count > 1 ? 's' : ''}`;
