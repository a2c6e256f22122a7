import { type WidgetDefinition, WidgetFrame } from '@dataetat/widgets/react';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import type { DatasetSummary } from '../api/types.ts';
import { useWidgetPreview, WidgetBuilder } from '../explorer/index.ts';

export interface WidgetPanelProps {
  /** The widget being added or changed. */
  readonly initial: WidgetDefinition;
  readonly mode: 'add' | 'edit';
  readonly datasets: readonly DatasetSummary[];
  readonly onApply: (widget: WidgetDefinition) => void;
  readonly onClose: () => void;
}

/**
 * Side panel to add or change one widget: the explorer's builder (dataset, measures,
 * dimensions, filters, type) with a live preview, or a Markdown field for a text block. Focus
 * moves in when it opens; Échap closes it without applying.
 */
export function WidgetPanel({ initial, mode, datasets, onApply, onClose }: WidgetPanelProps) {
  const headingId = useId();
  const [widget, setWidget] = useState(initial);
  const root = useRef<HTMLElement>(null);
  useEffect(() => {
    root.current?.querySelector<HTMLElement>('h2')?.focus();
  }, []);
  const isText = widget.type === 'text' && widget.query === null;
  const ready = isText
    ? widget.title.trim() !== '' || markdownOf(widget) !== ''
    : widget.query !== null && widget.query.measures.length + (widget.query.dimensions?.length ?? 0) > 0;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!ready) return;
    onApply({ ...widget, title: widget.title.trim() || defaultTitle(widget) });
  };
  return (
    <aside
      ref={root}
      className="dashboard-side-panel dashboard-side-panel--wide"
      aria-labelledby={headingId}
      data-testid="widget-panel"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !e.defaultPrevented) onClose();
      }}
    >
      <form onSubmit={submit}>
        <div className="dashboard-side-panel__head">
          <h2 id={headingId} className="fr-h5 fr-mb-0" tabIndex={-1}>
            {mode === 'add' ? 'Ajouter une visualisation' : `Modifier « ${initial.title || 'Sans titre'} »`}
          </h2>
          <button
            type="button"
            className="fr-btn fr-btn--close"
            onClick={onClose}
            title="Fermer sans appliquer"
          >
            Fermer
          </button>
        </div>
        {isText ? (
          <TextFields widget={widget} onChange={setWidget} />
        ) : (
          <>
            <WidgetBuilder
              value={widget}
              onChange={setWidget}
              datasets={datasets}
              idPrefix="tdb-constructeur"
              headingLevel={3}
              {...(mode === 'add' ? { pickedType: initial.type } : {})}
            />
            <Preview widget={widget} datasets={datasets} />
          </>
        )}
        <div className="dashboard-side-panel__actions">
          <button type="submit" className="fr-btn" disabled={!ready}>
            {mode === 'add' ? 'Ajouter au tableau de bord' : 'Appliquer'}
          </button>
          <button type="button" className="fr-btn fr-btn--secondary" onClick={onClose}>
            Annuler
          </button>
        </div>
        {!ready && (
          <p className="fr-text--sm fr-mt-1w fr-mb-0">
            {isText
              ? 'Écrivez un titre ou un texte.'
              : 'Choisissez un jeu de données et au moins une mesure ou une dimension.'}
          </p>
        )}
      </form>
    </aside>
  );
}

const markdownOf = (widget: WidgetDefinition) =>
  typeof widget.options.markdown === 'string' ? widget.options.markdown : '';

function defaultTitle(widget: WidgetDefinition): string {
  return widget.type === 'text' ? 'Texte' : 'Sans titre';
}

function TextFields({
  widget,
  onChange,
}: {
  widget: WidgetDefinition;
  onChange: (widget: WidgetDefinition) => void;
}) {
  const titleId = useId();
  const textId = useId();
  return (
    <>
      <div className="fr-input-group">
        <label className="fr-label" htmlFor={titleId}>
          Titre
        </label>
        <input
          id={titleId}
          className="fr-input"
          value={widget.title}
          maxLength={200}
          onChange={(e) => onChange({ ...widget, title: e.target.value })}
        />
      </div>
      <div className="fr-input-group">
        <label className="fr-label" htmlFor={textId}>
          Texte
          <span className="fr-hint-text">
            Mise en forme Markdown : **gras**, listes avec « - », liens [texte](adresse).
          </span>
        </label>
        <textarea
          id={textId}
          className="fr-input"
          rows={10}
          value={markdownOf(widget)}
          onChange={(e) => onChange({ ...widget, options: { ...widget.options, markdown: e.target.value } })}
        />
      </div>
    </>
  );
}

function Preview({ widget, datasets }: { widget: WidgetDefinition; datasets: readonly DatasetSummary[] }) {
  const dataset = datasets.find((d) => d.id === widget.query?.dataset);
  const preview = useWidgetPreview(widget, dataset);
  if (!preview.ready) return null;
  const { frame } = preview.data;
  return (
    <section className="fr-mt-3w" aria-label="Aperçu">
      <WidgetFrame
        {...frame}
        widget={{ ...frame.widget, title: frame.widget.title || 'Aperçu' }}
        isRefreshing={frame.isRefreshing || preview.pending}
        headingLevel={3}
        height={260}
      />
    </section>
  );
}
