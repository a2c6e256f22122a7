import { Button } from '@codegouvfr/react-dsfr/Button';
import { type WidgetDefinition, WidgetFrame } from '@dataetat/widgets/react';
import { useEffect, useId, useRef, useState } from 'react';
import { useDatasets } from '../api/hooks.ts';
import { useAuth } from '../auth/AuthProvider.tsx';
import { hasRole } from '../auth/types.ts';
import { Loading } from '../components/Loading.tsx';
import { QueryErrorAlert } from '../components/QueryErrorAlert.tsx';
import { AddToDashboardButton, AddToDashboardDialog } from '../explorer/AddToDashboard.tsx';
import {
  decodeWidget,
  emptyWidget,
  readyQuery,
  searchWith,
  URL_PARAM,
  useWidgetPreview,
  WidgetBuilder,
} from '../explorer/index.ts';

const WIDGET_ID = 'explorateur';

/** The widget in the address on arrival, and whether a link was given but could not be read. */
function initialWidget(): { widget: WidgetDefinition; unreadable: boolean } {
  const encoded = new URLSearchParams(window.location.search).get(URL_PARAM);
  const widget = decodeWidget(encoded, WIDGET_ID);
  return { widget: widget ?? emptyWidget(WIDGET_ID), unreadable: encoded !== null && widget === null };
}

/**
 * `/explorer` — build one widget without code and see it live. The whole definition lives in the
 * address (`?w=…`), so a view can be bookmarked or sent to a colleague.
 */
export default function ExplorerPage() {
  const datasets = useDatasets();
  const [initial] = useState(initialWidget);
  const [widget, setWidget] = useState(initial.widget);

  // Keep the address in step without adding history entries (the router's state is preserved).
  useEffect(() => {
    const { pathname, search, hash } = window.location;
    const next = `${pathname}${searchWith(search, widget)}${hash}`;
    if (next !== `${pathname}${search}${hash}`) window.history.replaceState(window.history.state, '', next);
  }, [widget]);

  return (
    <>
      <title>Explorer les données — Data-État</title>
      <h1>Explorer les données</h1>
      <p className="fr-text--lead fr-mb-4w">
        Choisissez un jeu de données, ce que vous voulez mesurer et par quoi, filtrez : le résultat s’affiche
        à mesure. L’adresse de la page garde votre vue, pour y revenir ou la partager.
      </p>
      {initial.unreadable && (
        <div className="fr-alert fr-alert--warning fr-alert--sm fr-mb-3w">
          <p>
            Le lien ouvert ne contient pas de vue lisible (adresse tronquée ?). Vous repartez d’une vue vide.
          </p>
        </div>
      )}
      {datasets.isPending ? (
        <Loading label="Chargement des jeux de données…" height={200} />
      ) : datasets.error ? (
        <QueryErrorAlert error={datasets.error} onRetry={datasets.refetch} />
      ) : (
        <ExplorerWorkspace widget={widget} onChange={setWidget} datasets={datasets.data} />
      )}
    </>
  );
}

function ExplorerWorkspace({
  widget,
  onChange,
  datasets,
}: {
  readonly widget: WidgetDefinition;
  readonly onChange: (widget: WidgetDefinition) => void;
  readonly datasets: NonNullable<ReturnType<typeof useDatasets>['data']>;
}) {
  const dataset = datasets.find((d) => d.id === widget.query?.dataset);
  const preview = useWidgetPreview(widget, dataset);
  // Readers cannot edit dashboards: the server refuses them, so the button is not offered.
  const { user } = useAuth();
  const canAdd = user ? hasRole(user, 'editeur') : false;
  // What goes into a dashboard is what the preview shows: the filters still being written are
  // left out, and a widget without a title gets the editor's « Sans titre ».
  const query = readyQuery(widget.query, dataset).query;
  const toAdd: WidgetDefinition | null = query
    ? { ...widget, query, title: widget.title.trim() || 'Sans titre' }
    : null;
  return (
    <div className="fr-grid-row fr-grid-row--gutters">
      <div className="fr-col-12 fr-col-lg-5">
        <WidgetBuilder
          value={widget}
          onChange={onChange}
          datasets={datasets}
          problem={preview.problem}
          idPrefix="explorateur"
        />
      </div>
      <div className="fr-col-12 fr-col-lg-7">
        <section className="explorer-preview" aria-labelledby="explorateur-apercu">
          <h2 className="fr-h6 fr-mb-2w" id="explorateur-apercu">
            Aperçu
          </h2>
          {!preview.ready ? (
            <div className="fr-callout">
              <p className="fr-callout__text fr-text--md">
                {widget.query
                  ? 'Cochez au moins une mesure ou ajoutez une dimension pour voir un résultat.'
                  : 'Commencez par choisir un jeu de données : l’aperçu apparaîtra ici.'}
              </p>
            </div>
          ) : (
            <WidgetFrame
              {...preview.data.frame}
              widget={{
                ...preview.data.frame.widget,
                title: preview.data.frame.widget.title || 'Sans titre',
              }}
              isRefreshing={preview.data.frame.isRefreshing || preview.pending}
              height={420}
            />
          )}
          <div className="explorer-preview__actions fr-mt-2w">
            {canAdd && toAdd && <AddToDashboardButton />}
            <CopyLink />
          </div>
        </section>
      </div>
      {canAdd && toAdd && <AddToDashboardDialog widget={toAdd} />}
    </div>
  );
}

/** « Copier le lien »: the clipboard when the browser allows it, else the link to select. */
function CopyLink() {
  const id = useId();
  const [state, setState] = useState<'idle' | 'copied' | 'manual'>('idle');
  const field = useRef<HTMLInputElement>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(window.location.href);
      setState('copied');
    } catch {
      setState('manual');
      requestAnimationFrame(() => field.current?.select());
    }
  };
  return (
    <div>
      <Button
        priority="secondary"
        iconId="fr-icon-links-line"
        iconPosition="left"
        onClick={() => void copy()}
      >
        Copier le lien
      </Button>
      <p className="fr-text--sm fr-mt-1w fr-mb-0" aria-live="polite">
        {state === 'copied' && 'Lien copié : collez-le dans un message ou vos favoris.'}
        {state === 'manual' && 'Copie automatique impossible : sélectionnez le lien ci-dessous.'}
      </p>
      {state === 'manual' && (
        <div className="fr-input-group fr-mt-1w">
          <label className="fr-label" htmlFor={id}>
            Lien de cette vue
          </label>
          <input ref={field} id={id} className="fr-input" readOnly value={window.location.href} />
        </div>
      )}
    </div>
  );
}
