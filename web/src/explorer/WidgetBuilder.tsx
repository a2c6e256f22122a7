import { Accordion } from '@codegouvfr/react-dsfr/Accordion';
import { Input } from '@codegouvfr/react-dsfr/Input';
import type { WidgetDefinition, WidgetType } from '@dataetat/widgets/react';
import { type ReactNode, useCallback, useRef, useState } from 'react';
import { useDatasetDetail } from '../api/hooks.ts';
import type { DatasetSummary } from '../api/types.ts';
import type { BuilderDispatch } from './builderTypes.ts';
import { DatasetSection } from './DatasetSection.tsx';
import { concerns, type SpecProblem } from './errorPath.ts';
import { FieldsSection } from './FieldsSection.tsx';
import { FiltersSection } from './FiltersSection.tsx';
import { JsonEditor } from './JsonEditor.tsx';
import { readyQuery } from './ready.ts';
import { SortSection } from './SortSection.tsx';
import { type BuilderAction, reduceBuilder, shapeOf, type TypeRules } from './specState.ts';
import { TypeSection } from './TypeSection.tsx';
import { registryRules, typeChoices } from './widgetTypes.ts';
import './explorer.css';

export interface WidgetBuilderProps {
  /** The widget being built (controlled). */
  readonly value: WidgetDefinition;
  readonly onChange: (widget: WidgetDefinition) => void;
  /** The catalogue (GET /api/datasets). */
  readonly datasets: readonly DatasetSummary[];
  /** The server's refusal of the current query, mapped to a control (see `previewProblem`). */
  readonly problem?: SpecProblem | null;
  /** Prefix of element ids, unique in the page (several builders may coexist). */
  readonly idPrefix?: string;
  /** Level of the section headings: 2 in a page, 3 in a side panel. */
  readonly headingLevel?: 2 | 3;
  /** Which types fit which shape; default: the widgets registry. */
  readonly rules?: TypeRules;
  /**
   * A type the user picked before building (the dashboard's « Ajouter » palette): shown as soon as
   * the query can show it. Without it a new widget follows the suggestions.
   */
  readonly pickedType?: WidgetType;
}

/**
 * Builds one widget without code: dataset, measures, dimensions, filters, type and options, sort,
 * limit, and the JSON for power users. Independent of any page or URL: the explorer and the
 * dashboard editor's side panel both hold the value and show the preview.
 */
export function WidgetBuilder({
  value,
  onChange,
  datasets,
  problem = null,
  idPrefix = 'constructeur',
  headingLevel = 2,
  rules = registryRules,
  pickedType,
}: WidgetBuilderProps) {
  const query = value.query;
  const detail = useDatasetDetail(query?.dataset);
  const dataset = detail.data ?? datasets.find((d) => d.id === query?.dataset);
  // The type the user picked, shown whenever it fits. A definition restored from a link counts as picked.
  const [chosenType, setChosenType] = useState<WidgetType | null>(() =>
    query !== null ? value.type : (pickedType ?? null),
  );
  const root = useRef<HTMLDivElement>(null);

  const dispatch: BuilderDispatch = useCallback(
    (action: BuilderAction) => {
      const next = reduceBuilder({ widget: value, chosenType }, action, { dataset, rules });
      setChosenType(next.chosenType);
      if (next.widget !== value) onChange(next.widget);
      // A new filter row: move to its values (else its condition), so typing goes on from there.
      if (action.kind === 'add-filter') {
        const row = `[data-testid="filtre-${value.query?.filters?.length ?? 0}"]`;
        requestAnimationFrame(() => {
          const target =
            root.current?.querySelector<HTMLElement>(`${row} .explorer-filter__values input`) ??
            root.current?.querySelector<HTMLElement>(`${row} select`);
          target?.focus();
        });
      }
    },
    [value, chosenType, dataset, rules, onChange],
  );

  const ready = readyQuery(query, dataset);
  const message = (control: Parameters<typeof concerns>[1]) =>
    concerns(problem, control) ? problem?.message : undefined;
  const shape = shapeOf(query, dataset);
  const Heading = `h${headingLevel}` as const;
  const section = (id: string, title: string, children: ReactNode) => (
    <section className="explorer-section" aria-labelledby={`${idPrefix}-section-${id}`}>
      <Heading className="fr-h6 fr-mb-2w" id={`${idPrefix}-section-${id}`}>
        {title}
      </Heading>
      {children}
    </section>
  );

  return (
    <div className="explorer-builder" ref={root}>
      {section(
        'donnees',
        '1. Données',
        <DatasetSection
          idPrefix={idPrefix}
          datasets={datasets}
          selected={dataset}
          selectedId={query?.dataset}
          dispatch={dispatch}
          error={message('dataset')}
        />,
      )}
      {query && dataset && (
        <>
          {section(
            'champs',
            '2. Mesures et dimensions',
            <FieldsSection
              idPrefix={idPrefix}
              dataset={dataset}
              query={query}
              dispatch={dispatch}
              measuresError={message('measures')}
              dimensionsError={message('dimensions')}
            />,
          )}
          {section(
            'filtres',
            '3. Filtres',
            <FiltersSection
              idPrefix={idPrefix}
              dataset={dataset}
              query={query}
              dispatch={dispatch}
              incomplete={ready.incomplete}
              problem={problem}
            />,
          )}
          {section(
            'visualisation',
            '4. Visualisation',
            <>
              <Input
                label="Titre"
                hintText="Proposé à partir des champs tant que vous ne l’écrivez pas."
                nativeInputProps={{
                  id: `${idPrefix}-titre`,
                  value: value.title,
                  onChange: (e) => dispatch({ kind: 'title', title: e.target.value }),
                }}
              />
              <TypeSection
                idPrefix={idPrefix}
                widget={value}
                dataset={dataset}
                choices={typeChoices(shape, rules)}
                suggested={rules.suggest(shape)}
                chosen={chosenType}
                dispatch={dispatch}
              />
            </>,
          )}
          {section(
            'tri',
            '5. Tri et nombre de lignes',
            <SortSection
              idPrefix={idPrefix}
              dataset={dataset}
              query={query}
              dispatch={dispatch}
              sortError={message('sort')}
              limitError={message('limit')}
              totalsError={message('totals')}
            />,
          )}
        </>
      )}
      {problem?.target.control === 'general' && (
        <div className="fr-alert fr-alert--error fr-alert--sm fr-mb-2w" role="alert">
          <p>{problem.message}</p>
        </div>
      )}
      <Accordion
        label="Définition JSON (utilisateurs avancés)"
        titleAs={`h${headingLevel}`}
        className="fr-mt-2w"
      >
        <JsonEditor
          idPrefix={idPrefix}
          widget={value}
          problem={problem}
          onApply={(widget) => dispatch({ kind: 'replace', widget })}
        />
      </Accordion>
    </div>
  );
}
