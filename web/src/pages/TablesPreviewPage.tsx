import type { WidgetDefinition, WidgetSelection } from '@dataetat/widgets/react';
import { useState } from 'react';
import { QueryWidget } from '../components/WidgetFrame.tsx';

/**
 * « Aperçu des tableaux »: the table (paged and sorted by the server) and pivot widgets on real
 * data, each in its frame (exports, provenance). Also what the end-to-end journey drives.
 */
const TABLE: WidgetDefinition = {
  id: 'table-departements',
  type: 'table',
  title: 'Crédits Chorus par département',
  query: {
    dataset: 'chorus_lignes',
    measures: ['montant_ae', 'montant_cp', 'taux_paiement', 'nb_lignes'],
    dimensions: ['departement'],
    sort: [{ field: 'montant_cp', dir: 'desc' }],
  },
  options: { pageSize: 25 },
};

// A long list on purpose (no year in columns): 10 000+ rows to virtualise.
const BIG_PIVOT_OPTIONS = { expandDepth: 99, columns: [] };
const BIG_PIVOT: WidgetDefinition = {
  id: 'pivot-communes',
  type: 'pivot',
  title: 'Crédits Chorus par département, commune et année',
  query: {
    dataset: 'chorus_lignes',
    measures: ['montant_ae', 'montant_cp', 'taux_paiement'],
    dimensions: ['departement', 'commune', 'annee'],
  },
  options: BIG_PIVOT_OPTIONS,
};

const CROSS_PIVOT_OPTIONS = { columns: ['dotation'], heat: true };
const CROSS_PIVOT: WidgetDefinition = {
  id: 'pivot-dotations',
  type: 'pivot',
  title: 'Dotations d’investissement par région et département, par dotation',
  query: {
    dataset: 'dotations_investissement',
    measures: ['montant_subvention'],
    dimensions: ['region', 'departement', 'dotation'],
  },
  options: CROSS_PIVOT_OPTIONS,
};

/** One widget in its frame; the data hook pages and sorts it as its renderer asks. */
function Preview({ widget, height }: { widget: WidgetDefinition; height: number }) {
  const [selection, setSelection] = useState<WidgetSelection | null>(null);
  return (
    <section className="fr-mb-6w" data-widget-id={widget.id}>
      <QueryWidget widget={widget} onSelect={setSelection} selection={selection} height={height} />
      {selection && (
        <p className="fr-text--sm" aria-live="polite" data-testid="table-selection">
          Sélection : {selection.label ?? String(selection.value)}
        </p>
      )}
    </section>
  );
}

export default function TablesPreviewPage() {
  return (
    <div className="fr-container fr-my-6w">
      <h1>Aperçu des tableaux</h1>
      <p className="fr-text--lead">
        Tableau paginé et trié par le serveur, tableaux croisés avec sous-totaux calculés par le moteur.
      </p>
      <Preview widget={TABLE} height={560} />
      <Preview widget={BIG_PIVOT} height={560} />
      <Preview widget={CROSS_PIVOT} height={520} />
    </div>
  );
}
