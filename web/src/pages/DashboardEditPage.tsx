import { Input } from '@codegouvfr/react-dsfr/Input';
import {
  TypePictureSvg,
  WIDGET_DEFINITIONS,
  type WidgetDefinition,
  type WidgetType,
} from '@dataetat/widgets/react';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { type Dashboard, useDashboard, useDashboardVersion } from '../api/dashboards.ts';
import { useAuth } from '../auth/AuthProvider.tsx';
import { hasRole } from '../auth/types.ts';
import { Loading } from '../components/Loading.tsx';
import { QueryErrorAlert } from '../components/QueryErrorAlert.tsx';
import { DashboardBreadcrumb } from '../dashboards/DashboardBreadcrumb.tsx';
import { DashboardCanvas } from '../dashboards/DashboardCanvas.tsx';
import { EditorGrid } from '../dashboards/EditorGrid.tsx';
import {
  addWidget,
  describeDashboard,
  duplicateWidget,
  type EditorDocument,
  newWidgetId,
  removeWidget,
  renameDashboard,
  setLayout,
  updateWidget,
} from '../dashboards/editorDocument.ts';
import { FiltersBar } from '../dashboards/FiltersBar.tsx';
import { canRedo, canUndo, type History, record, redo, startHistory, undo } from '../dashboards/history.ts';
import { SaveStatusText } from '../dashboards/SaveStatus.tsx';
import { useAutosave } from '../dashboards/useAutosave.ts';
import { useDashboardCatalogue, useDashboardView } from '../dashboards/useDashboardView.ts';
import { VersionPreviewNotice } from '../dashboards/VersionPreviewNotice.tsx';
import { VersionsPanel } from '../dashboards/VersionsPanel.tsx';
import { WidgetPanel } from '../dashboards/WidgetPanel.tsx';
import { DraftOffer } from '../drafts/DraftOffer.tsx';
import { ShareButton, ShareDialog } from '../sharing/ShareDialog.tsx';
import '../dashboards/dashboards.css';

/** `/tableaux-de-bord/:id/modifier` — the dashboard editor (éditeurs of this dashboard only). */
export default function DashboardEditPage() {
  const { id = '' } = useParams();
  const dashboard = useDashboard(id);
  const { user } = useAuth();
  const [generation, setGeneration] = useState(0);
  if (dashboard.isPending) return <Loading label="Chargement du tableau de bord…" height={300} />;
  if (dashboard.error) return <QueryErrorAlert error={dashboard.error} onRetry={dashboard.refetch} />;
  const d = dashboard.data;
  if (!d.canEdit || !user || !hasRole(user, 'editeur')) {
    return (
      <>
        <title>{`Modifier ${d.title} — Data-État`}</title>
        <h1>{d.title}</h1>
        <div className="fr-alert fr-alert--warning fr-mb-3w" role="alert">
          <p>
            {d.isReference
              ? 'Ce tableau de bord de référence est en lecture seule. Dupliquez-le depuis sa page pour l’adapter.'
              : 'Vous ne pouvez pas modifier ce tableau de bord : seuls son auteur et les éditeurs à qui il est partagé le peuvent.'}
          </p>
        </div>
        <Link
          className="fr-link fr-icon-arrow-left-line fr-link--icon-left"
          to={`/tableaux-de-bord/${encodeURIComponent(d.id)}`}
        >
          Retour au tableau de bord
        </Link>
      </>
    );
  }
  return (
    <Editor
      key={`${d.id}-${generation}`}
      dashboard={d}
      onReload={async () => {
        await dashboard.refetch();
        setGeneration((g) => g + 1);
      }}
    />
  );
}

type Panel =
  | { readonly mode: 'add' | 'edit'; readonly widget: WidgetDefinition }
  | { readonly mode: 'versions' }
  | null;

const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

function Editor({ dashboard, onReload }: { dashboard: Dashboard; onReload: () => Promise<void> }) {
  const start = useMemo<EditorDocument>(
    () => ({ title: dashboard.title, description: dashboard.description, definition: dashboard.definition }),
    [dashboard],
  );
  const [history, setHistory] = useState<History<EditorDocument>>(() => startHistory(start));
  const doc = history.present;
  const autosave = useAutosave(dashboard.id, doc, { doc: start, version: dashboard.version });
  const { view, setView, select } = useDashboardView(doc.definition);
  const { datasets, catalogue, used, fieldLabel } = useDashboardCatalogue(doc.definition);
  const [panel, setPanel] = useState<Panel>(null);
  const [announcement, setAnnouncement] = useState('');
  const [previewing, setPreviewing] = useState<number | null>(null);
  const preview = useDashboardVersion(dashboard.id, previewing);

  const edit = useCallback(
    (change: (doc: EditorDocument) => EditorDocument, mergeKey: string | null = null) => {
      setHistory((h) => record(h, change(h.present), mergeKey));
    },
    [],
  );
  const titleOf = (id: string) => doc.definition.widgets.find((w) => w.id === id)?.title || 'Sans titre';

  const stepHistory = useCallback((direction: 'undo' | 'redo') => {
    setHistory((h) => {
      const next = direction === 'undo' ? undo(h) : redo(h);
      if (next !== h)
        setAnnouncement(direction === 'undo' ? 'Modification annulée.' : 'Modification rétablie.');
      return next;
    });
  }, []);

  // Ctrl+Z / Ctrl+Maj+Z (and Ctrl+Y) outside text fields, where the browser's own undo applies.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || isTyping(event.target)) return;
      const key = event.key.toLowerCase();
      if (key === 'z') {
        event.preventDefault();
        stepHistory(event.shiftKey ? 'redo' : 'undo');
      } else if (key === 'y') {
        event.preventDefault();
        stepHistory('redo');
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [stepHistory]);

  const openPalette = (type: WidgetType) =>
    setPanel({
      mode: 'add',
      widget: { id: newWidgetId(doc.definition), type, title: '', query: null, options: {} },
    });

  // The cell appears after the next renders (grid layout, lazy renderer): try each frame for a while.
  const focusCell = (id: string) => {
    const started = performance.now();
    const attempt = () => {
      const cell = document.querySelector<HTMLElement>(`[data-testid="cell-${id}"]`);
      if (cell) cell.focus();
      else if (performance.now() - started < 3_000) requestAnimationFrame(attempt);
    };
    requestAnimationFrame(attempt);
  };

  const applyWidget = (widget: WidgetDefinition) => {
    const adding = panel?.mode === 'add';
    edit((d) => (adding ? addWidget(d, widget) : updateWidget(d, widget)));
    setPanel(null);
    setAnnouncement(
      adding
        ? `Visualisation « ${widget.title} » ajoutée au tableau de bord.`
        : `Visualisation « ${widget.title} » modifiée.`,
    );
    focusCell(widget.id);
  };

  const sidePanel =
    panel === null ? null : panel.mode === 'versions' ? (
      <VersionsPanel
        dashboardId={dashboard.id}
        currentVersion={autosave.version}
        previewing={previewing}
        onPreview={setPreviewing}
        restoreBlocked={
          autosave.status === 'saved'
            ? null
            : 'Attendez l’enregistrement de vos modifications pour restaurer une version.'
        }
        onRestored={() => void onReload()}
        onClose={() => {
          setPanel(null);
          setPreviewing(null);
        }}
      />
    ) : (
      <WidgetPanel
        key={panel.widget.id}
        initial={panel.widget}
        mode={panel.mode}
        datasets={datasets.data ?? []}
        onApply={applyWidget}
        onClose={() => setPanel(null)}
      />
    );

  return (
    <div className={panel ? 'dashboard-page has-side-panel' : 'dashboard-page'}>
      <title>{`Modifier ${doc.title || 'le tableau de bord'} — Data-État`}</title>
      <div className="dashboard-page__main">
        <DashboardBreadcrumb
          dashboard={{ id: dashboard.id, title: doc.title || 'Sans titre' }}
          current="Modifier"
        />
        <h1 className="fr-h3 fr-mb-2w">Modifier le tableau de bord</h1>
        {autosave.draft && (
          <DraftOffer
            savedAt={autosave.draft.savedAt}
            onResume={() => {
              const resumed = autosave.resumeDraft();
              if (resumed) edit(() => resumed);
            }}
            onIgnore={autosave.ignoreDraft}
          >
            <p>
              Rien n’est enregistré tant que vous n’avez pas choisi. « Annuler » revient ensuite à la version
              enregistrée.
            </p>
          </DraftOffer>
        )}
        {autosave.conflict && (
          <div className="fr-alert fr-alert--warning fr-mb-3w" role="alert" data-testid="conflict">
            <h2 className="fr-alert__title">
              Quelqu’un a enregistré ce tableau de bord pendant que vous le modifiiez
            </h2>
            <p>{autosave.conflict}</p>
            <p>Vos modifications sont gardées dans cette page tant que vous ne choisissez pas.</p>
            <ul className="fr-btns-group fr-btns-group--inline-sm fr-mt-1w">
              <li>
                <button type="button" className="fr-btn fr-btn--sm" onClick={() => void onReload()}>
                  Recharger la version enregistrée
                </button>
              </li>
              <li>
                <button
                  type="button"
                  className="fr-btn fr-btn--sm fr-btn--secondary"
                  onClick={() => void autosave.overwrite()}
                >
                  Garder mes modifications et les enregistrer
                </button>
              </li>
            </ul>
          </div>
        )}
        {autosave.error && (
          <div className="fr-alert fr-alert--error fr-alert--sm fr-mb-2w" role="alert">
            <p>{autosave.error}</p>
          </div>
        )}
        <div className="dashboard-editor-fields">
          <Input
            label="Titre"
            nativeInputProps={{
              value: doc.title,
              maxLength: 200,
              onChange: (e) => edit((d) => renameDashboard(d, e.target.value), 'title'),
            }}
            state={doc.title.trim() ? 'default' : 'error'}
            stateRelatedMessage="Le titre est obligatoire : il n’est pas enregistré tant qu’il est vide."
          />
          <Input
            label="Description"
            nativeInputProps={{
              value: doc.description,
              maxLength: 5000,
              onChange: (e) => edit((d) => describeDashboard(d, e.target.value), 'description'),
            }}
          />
        </div>
        <div className="dashboard-editor-toolbar" role="toolbar" aria-label="Édition du tableau de bord">
          <div className="dashboard-palette">
            <span className="fr-text--sm fr-text--bold fr-mr-1w" id="palette-label">
              Ajouter :
            </span>
            <ul aria-labelledby="palette-label">
              {WIDGET_DEFINITIONS.map((info) => (
                <li key={info.type}>
                  {/* What the type is for, as a DSFR tooltip on hover and focus and as the
                      button's description for screen readers. */}
                  <button
                    type="button"
                    id={`palette-${info.type}`}
                    className="fr-btn fr-btn--sm fr-btn--tertiary dashboard-palette__button"
                    aria-describedby={`palette-aide-${info.type}`}
                    onClick={() => openPalette(info.type)}
                  >
                    <TypePictureSvg picture={info.picture} width={28} />
                    {info.label}
                  </button>
                  <span
                    className="fr-tooltip fr-placement"
                    id={`palette-aide-${info.type}`}
                    role="tooltip"
                    aria-hidden="true"
                  >
                    {info.description}
                  </span>
                </li>
              ))}
            </ul>
          </div>
          <div className="dashboard-editor-toolbar__end">
            <button
              type="button"
              className="fr-btn fr-btn--sm fr-btn--tertiary fr-icon-arrow-go-back-line"
              title="Annuler (Ctrl+Z)"
              disabled={!canUndo(history)}
              onClick={() => stepHistory('undo')}
            >
              Annuler
            </button>
            <button
              type="button"
              className="fr-btn fr-btn--sm fr-btn--tertiary fr-icon-arrow-go-forward-line"
              title="Rétablir (Ctrl+Maj+Z)"
              disabled={!canRedo(history)}
              onClick={() => stepHistory('redo')}
            >
              Rétablir
            </button>
            <SaveStatusText status={autosave.status} onRetry={autosave.retry} />
            <button
              type="button"
              className="fr-btn fr-btn--sm fr-btn--tertiary fr-btn--icon-left fr-icon-time-line"
              aria-expanded={panel?.mode === 'versions'}
              onClick={() => setPanel(panel?.mode === 'versions' ? null : { mode: 'versions' })}
            >
              Versions
            </button>
            <Link
              className="fr-btn fr-btn--sm fr-btn--secondary fr-btn--icon-left fr-icon-eye-line"
              to={`/tableaux-de-bord/${encodeURIComponent(dashboard.id)}${window.location.search}`}
            >
              Voir le tableau de bord
            </Link>
            {dashboard.canShare && <ShareButton />}
          </div>
        </div>
        {dashboard.canShare && <ShareDialog dashboard={dashboard} />}
        <p className="fr-sr-only" aria-live="polite" aria-atomic="true" data-testid="announcer">
          {announcement}
        </p>
        {previewing !== null && (
          <VersionPreviewNotice>
            Aperçu de la version {previewing}, en lecture seule : vos modifications reviennent en quittant
            l’aperçu.
          </VersionPreviewNotice>
        )}
        {previewing !== null ? (
          preview.data ? (
            <DashboardCanvas key={previewing} definition={preview.data.definition} />
          ) : (
            <Loading label={`Chargement de la version ${previewing}…`} height={200} />
          )
        ) : datasets.isPending ? (
          <Loading label="Chargement du catalogue…" height={200} />
        ) : datasets.error ? (
          <QueryErrorAlert error={datasets.error} onRetry={datasets.refetch} />
        ) : (
          <>
            {doc.definition.filters.length > 0 && doc.definition.widgets.length > 0 && (
              <FiltersBar
                filters={doc.definition.filters}
                view={view}
                onChange={setView}
                datasets={used}
                fieldLabel={fieldLabel}
                widgetTitle={titleOf}
              />
            )}
            {doc.definition.widgets.length === 0 ? (
              <div className="fr-callout" data-testid="editor-empty">
                <h2 className="fr-callout__title">Tableau de bord vide</h2>
                <p className="fr-callout__text">
                  Choisissez un type dans « Ajouter » ci-dessus : un panneau s’ouvre pour choisir les données.
                  Ensuite, déplacez les visualisations à la souris par leur poignée, ou au clavier :
                  sélectionnez-en une avec Tab, puis les flèches la déplacent et Majuscule + flèches la
                  redimensionnent.
                </p>
              </div>
            ) : (
              <EditorGrid
                definition={doc.definition}
                view={view}
                catalogue={catalogue}
                fieldLabel={fieldLabel}
                onSelect={select}
                onLayout={(layout) => edit((d) => setLayout(d, layout))}
                announce={setAnnouncement}
                onEdit={(id) => {
                  const widget = doc.definition.widgets.find((w) => w.id === id);
                  if (widget) setPanel({ mode: 'edit', widget });
                }}
                onDuplicate={(id) => {
                  const copy = newWidgetId(doc.definition);
                  edit((d) => duplicateWidget(d, id, copy));
                  setAnnouncement(`Visualisation « ${titleOf(id)} » dupliquée.`);
                  focusCell(copy);
                }}
                onRemove={(id) => {
                  const title = titleOf(id);
                  edit((d) => removeWidget(d, id));
                  setAnnouncement(`Visualisation « ${title} » retirée. Ctrl+Z pour l’annuler.`);
                }}
              />
            )}
          </>
        )}
      </div>
      {sidePanel}
    </div>
  );
}
