import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { formatValue } from '@dataetat/widgets/react';
import { useParams } from 'react-router-dom';
import { useDataset } from '../api/hooks.ts';
import type { DatasetSummary } from '../api/types.ts';
import { DatasetFacts } from '../components/DatasetFacts.tsx';
import { Loading } from '../components/Loading.tsx';
import { QueryBarChart } from '../components/QueryBarChart.tsx';
import { QueryErrorAlert } from '../components/QueryErrorAlert.tsx';
import { QueryTable } from '../components/QueryTable.tsx';
import { showcaseFor } from '../showcase.ts';
import { NotFoundPage } from './NotFoundPage.tsx';

/** `/jeux-de-donnees/:id` — what a dataset is, where it comes from, and a first look at it. */
export default function DatasetPage() {
  const { id = '' } = useParams();
  const dataset = useDataset(id);
  if (dataset.isPending) return <Loading label="Chargement du jeu de données…" height={200} />;
  if (dataset.error) return <QueryErrorAlert error={dataset.error} onRetry={dataset.refetch} />;
  if (!dataset.data) return <NotFoundPage />;
  return <DatasetView dataset={dataset.data} />;
}

const FORMAT_LABELS: Record<string, string> = {
  eur: 'euros',
  integer: 'nombre entier',
  number: 'nombre',
  percent: 'pourcentage',
  year: 'année',
  text: 'texte',
};

function DatasetView({ dataset }: { dataset: DatasetSummary }) {
  const widgets = showcaseFor(dataset);
  return (
    <>
      <title>{`${dataset.title} — Data-État`}</title>
      <Breadcrumb
        currentPageLabel={dataset.title}
        segments={[
          { label: 'Accueil', linkProps: { to: '/' } },
          { label: 'Jeux de données', linkProps: { to: '/jeux-de-donnees' } },
        ]}
      />
      <h1>{dataset.title}</h1>
      {dataset.demo && (
        <Badge severity="warning" className="fr-mb-2w">
          Données de démonstration
        </Badge>
      )}
      <p className="fr-text--lead">{dataset.description}</p>
      <div className="fr-grid-row fr-grid-row--gutters fr-mb-4w">
        <div className="fr-col-12 fr-col-md-4">
          <h2 className="fr-h6">Provenance</h2>
          <DatasetFacts dataset={dataset} />
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <h2 className="fr-h6">Dimensions</h2>
          <ul className="fr-text--sm">
            {dataset.dimensions.map((d) => (
              <li key={d.id}>
                {d.label} <code>{d.id}</code>
              </li>
            ))}
          </ul>
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <h2 className="fr-h6">Mesures</h2>
          <ul className="fr-text--sm">
            {dataset.measures.map((m) => (
              <li key={m.id}>
                {m.label} <code>{m.id}</code> ({FORMAT_LABELS[m.format] ?? formatValue(m.format, 'text')})
              </li>
            ))}
          </ul>
        </div>
      </div>
      {widgets.map((widget) =>
        widget.kind === 'bar' ? (
          <QueryBarChart
            key={widget.id}
            id={widget.id}
            title={widget.title}
            query={widget.query}
            horizontal={widget.horizontal}
          />
        ) : (
          <QueryTable key={widget.id} id={widget.id} title={widget.title} query={widget.query} />
        ),
      )}
    </>
  );
}
