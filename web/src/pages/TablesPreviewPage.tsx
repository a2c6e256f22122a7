import {
  pivotQuery,
  type QueryResult,
  type QuerySpec,
  tableQuery,
  type WidgetDefinition,
  WidgetFrame,
  type WidgetSelection,
} from '@dataetat/widgets/react';
import { useRef, useState } from 'react';
import { ApiError } from '../api/client.ts';
import { useWidgetQuery } from '../api/hooks.ts';

/**
 * « Aperçu des tableaux »: the table (paged and sorted by the server) and pivot widgets on real
 * data, each in its frame (exports, provenance). Also what the end-to-end journey drives.
 */
const TABLE: WidgetDefinition = {
  id: 'table-departements',
  type: 'table',
  title: 'Crédits Chorus par département',
  query: tableQuery(
    {
      dataset: 'chorus_lignes',
      measures: ['montant_ae', 'montant_cp', 'taux_paiement', 'nb_lignes'],
      dimensions: ['departement'],
      sort: [{ field: 'montant_cp', dir: 'desc' }],
    },
    { pageSize: 25 },
  ),
  options: { pageSize: 25 },
};

const BIG_PIVOT_OPTIONS = { expandDepth: 99 };
const BIG_PIVOT: WidgetDefinition = {
  id: 'pivot-communes',
  type: 'pivot',
  title: 'Crédits Chorus par département, commune et année',
  query: pivotQuery(
    {
      dataset: 'chorus_lignes',
      measures: ['montant_ae', 'montant_cp', 'taux_paiement'],
      dimensions: ['departement', 'commune', 'annee'],
    },
    BIG_PIVOT_OPTIONS,
  ),
  options: BIG_PIVOT_OPTIONS,
};

const CROSS_PIVOT_OPTIONS = { columns: ['dotation'], heat: true };
const CROSS_PIVOT: WidgetDefinition = {
  id: 'pivot-dotations',
  type: 'pivot',
  title: 'Dotations d’investissement par région et département, par dotation',
  query: pivotQuery(
    {
      dataset: 'dotations_investissement',
      measures: ['montant_subvention'],
      dimensions: ['region', 'departement', 'dotation'],
    },
    CROSS_PIVOT_OPTIONS,
  ),
  options: CROSS_PIVOT_OPTIONS,
};

/** A tiny provider: runs the widget's query with the paging/sort the renderer asked. */
function Preview({ widget, height }: { widget: WidgetDefinition; height: number }) {
  const [patch, setPatch] = useState<Pick<QuerySpec, 'offset' | 'sort' | 'limit'>>({});
  const spec: QuerySpec = { ...(widget.query as QuerySpec), ...patch };
  const query = useWidgetQuery(spec);
  // Keep showing the last page while the next one loads (the renderer keeps its state).
  const last = useRef<QueryResult | undefined>(undefined);
  if (query.data) last.current = query.data;
  const result = query.data ?? last.current;
  const [selection, setSelection] = useState<WidgetSelection | null>(null);
  return (
    <section className="fr-mb-6w" data-widget-id={widget.id}>
      <WidgetFrame
        widget={{ ...widget, query: spec }}
        result={result}
        status={query.isError ? 'error' : result ? 'success' : 'loading'}
        error={
          query.error instanceof ApiError ? query.error.message : query.error ? 'Erreur inattendue.' : null
        }
        isRefreshing={query.isFetching && !!result}
        onRetry={() => void query.refetch()}
        onSelect={setSelection}
        selection={selection}
        onQueryChange={(next) => setPatch((current) => ({ ...current, ...next }))}
        exportQuery={spec}
        height={height}
      />
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
