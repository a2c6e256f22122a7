import { Input } from '@codegouvfr/react-dsfr/Input';
import { WIDGET_TYPE_INFO, type WidgetDefinition, type WidgetSelection } from '@dataetat/widgets/react';
import { useMemo, useState } from 'react';
import { useDatasets } from '../api/hooks.ts';
import { QueryWidget } from '../components/WidgetFrame.tsx';
import { galleryWidgets } from '../gallery/examples.ts';

/**
 * `/apercu/widgets` — « Galerie des visualisations »: one example of each widget type of the
 * registry on real datasets, the selection a click produces, and a Markdown sandbox for text blocks.
 */
export default function GalleryPage() {
  const [selection, setSelection] = useState<WidgetSelection | null>(null);
  const datasets = useDatasets();
  const widgets = useMemo(() => galleryWidgets(datasets.data ?? []), [datasets.data]);
  return (
    <>
      <title>Galerie des visualisations — Data-État</title>
      <h1>Galerie des visualisations</h1>
      <p className="fr-text--lead">
        Un exemple de chaque type de visualisation, sur les jeux de données du catalogue. Cliquez sur une
        barre, un secteur, un rectangle ou un nœud de flux pour le sélectionner.
      </p>
      <p aria-live="polite" className="fr-text--sm" data-testid="gallery-selection">
        {selection
          ? `Sélection : ${selection.field} = ${selection.label ?? String(selection.value)} (${String(selection.value)})`
          : 'Aucune sélection.'}
      </p>
      <div className="fr-grid-row fr-grid-row--gutters">
        {widgets.map((widget) => (
          <div key={widget.id} className="fr-col-12 fr-col-lg-6" data-gallery-type={widget.type}>
            <p className="fr-badge fr-badge--sm fr-badge--info fr-mb-1w">
              {WIDGET_TYPE_INFO[widget.type].label}
            </p>
            <p className="fr-text--sm fr-mb-1w">{WIDGET_TYPE_INFO[widget.type].description}</p>
            <QueryWidget widget={widget} selection={selection} onSelect={setSelection} />
          </div>
        ))}
      </div>
      <MarkdownSandbox />
    </>
  );
}

const SANDBOX_START = '## Essai\n\nÉcrivez du **Markdown** : le HTML dangereux est retiré avant affichage.';

/** Type Markdown, see the text block as it will appear (sanitised like every text widget). */
function MarkdownSandbox() {
  const [markdown, setMarkdown] = useState(SANDBOX_START);
  const widget: WidgetDefinition = {
    id: 'text-essai',
    type: 'text',
    title: 'Aperçu du bloc de texte',
    query: null,
    options: { markdown },
  };
  return (
    <section className="fr-mt-6w" aria-labelledby="essai-texte">
      <h2 id="essai-texte">Essayer un bloc de texte</h2>
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-6">
          <Input
            label="Contenu en Markdown"
            hintText="Titres (#), listes (-), liens [texte](adresse), gras (**texte**)."
            textArea
            nativeTextAreaProps={{
              value: markdown,
              rows: 8,
              onChange: (event) => setMarkdown(event.target.value),
            }}
          />
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <QueryWidget widget={widget} headingLevel={3} />
        </div>
      </div>
    </section>
  );
}
