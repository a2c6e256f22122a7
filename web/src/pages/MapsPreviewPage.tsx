import type { WidgetDefinition, WidgetSelection } from '@dataetat/widgets/react';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { QueryWidget } from '../components/WidgetFrame.tsx';

/**
 * « Aperçu des cartes »: the map widget on real data at each level (dotations by département,
 * EPCI and commune, Chorus by commune, proportional symbols). `?carte=<id>` shows one map only
 * (the end-to-end test times each map alone).
 */
const MAPS: readonly WidgetDefinition[] = [
  {
    id: 'departement',
    type: 'map',
    title: 'Dotations d’investissement par département',
    query: {
      dataset: 'dotations_investissement',
      dimensions: ['departement'],
      measures: ['montant_subvention'],
      limit: 200,
    },
    options: { classification: 'quantiles', classes: 5 },
  },
  {
    id: 'epci',
    type: 'map',
    title: 'Dotations d’investissement par EPCI (seuils naturels de Jenks)',
    query: {
      dataset: 'dotations_investissement',
      dimensions: ['epci'],
      measures: ['montant_subvention'],
      limit: 2000,
    },
    options: { classification: 'jenks', classes: 5 },
  },
  {
    id: 'communes',
    type: 'map',
    title: 'Dotations d’investissement par commune',
    query: {
      dataset: 'dotations_investissement',
      dimensions: ['commune'],
      measures: ['montant_subvention'],
      limit: 40_000,
    },
    options: { classification: 'quantiles', classes: 5 },
  },
  {
    id: 'chorus-communes',
    type: 'map',
    title: 'Crédits de paiement (Chorus) par commune',
    query: { dataset: 'chorus_lignes', dimensions: ['commune'], measures: ['montant_cp'], limit: 40_000 },
    options: { classification: 'jenks', classes: 6 },
  },
  {
    id: 'symboles',
    type: 'map',
    title: 'Dotations d’investissement par département (symboles proportionnels)',
    query: {
      dataset: 'dotations_investissement',
      dimensions: ['departement'],
      measures: ['montant_subvention'],
      limit: 200,
    },
    options: { mode: 'symbols' },
  },
];

function MapPreview({ widget }: { widget: WidgetDefinition }) {
  const [selection, setSelection] = useState<WidgetSelection | null>(null);
  return (
    <section className="fr-mb-6w" data-map-id={widget.id}>
      <QueryWidget widget={widget} onSelect={setSelection} selection={selection} height={480} />
      <p className="fr-text--sm" aria-live="polite" data-testid="map-selection">
        {selection
          ? `Sélection : ${selection.label ?? selection.value} (${selection.value})`
          : 'Aucune zone sélectionnée.'}
      </p>
    </section>
  );
}

export default function MapsPreviewPage() {
  const [params] = useSearchParams();
  const only = params.get('carte');
  useEffect(() => {
    document.title = 'Aperçu des cartes — Data-État';
  }, []);
  const shown = only ? MAPS.filter((m) => m.id === only) : MAPS;
  return (
    <div className="fr-container fr-my-4w">
      <h1>Aperçu des cartes</h1>
      <p>
        Cartes choroplèthes aux niveaux département, EPCI et commune, et symboles proportionnels, sur les
        données réelles. Le tableau « Voir les données » de chaque carte en donne les valeurs.
      </p>
      {shown.map((widget) => (
        <MapPreview key={widget.id} widget={widget} />
      ))}
    </div>
  );
}
