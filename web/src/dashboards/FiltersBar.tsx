import type { DashboardDatasetInfo, DashboardFilter, DashboardFilterKind } from '@dataetat/widgets';
import { useId, useMemo } from 'react';
import { useFieldValues } from '../api/hooks.ts';
import { type BreadcrumbRoot, GeoBreadcrumb } from './GeoBreadcrumb.tsx';
import { type PickerSource, SearchPicker } from './SearchPicker.tsx';
import { TerritoryPicker } from './TerritoryPicker.tsx';
import {
  type CodeLabel,
  clearSelection,
  EMPTY_VIEW,
  hasActiveFilters,
  type ViewState,
  yearRange,
} from './viewState.ts';

export interface FiltersBarProps {
  readonly filters: readonly DashboardFilter[];
  readonly view: ViewState;
  readonly onChange: (view: ViewState) => void;
  /** Datasets of the dashboard's widgets: where years, beneficiaries and tags are looked up. */
  readonly datasets: readonly DashboardDatasetInfo[];
  readonly fieldLabel: (field: string) => string;
  readonly widgetTitle: (widgetId: string) => string;
  /** Filters fixed by a share link: their values shown, no picker (the server applies them). */
  readonly locked?: ReadonlyMap<DashboardFilterKind, string>;
  /** The territory a share link holds the data to: where the breadcrumb starts. */
  readonly territoryRoot?: BreadcrumbRoot | null;
}

type CodeKind = 'programme' | 'beneficiaire' | 'tags';

const withField = (datasets: readonly DashboardDatasetInfo[], field: string) =>
  datasets.find((d) => d.dimensions.some((dim) => dim.id === field));

/**
 * The dashboard's global filters (année, territoire, programme, bénéficiaire, politique) and,
 * under them, what is active: chosen values, the drill path as a breadcrumb and the
 * cross-filter selections, each removable.
 */
export function FiltersBar({
  filters,
  view,
  onChange,
  datasets,
  fieldLabel,
  widgetTitle,
  locked,
  territoryRoot = null,
}: FiltersBarProps) {
  const headingId = useId();
  const kinds = new Set(filters.map((f) => f.kind));
  const labelOf = (kind: DashboardFilter['kind']) => filters.find((f) => f.kind === kind)?.label ?? kind;
  const setCodes = (kind: CodeKind, values: readonly CodeLabel[]) => onChange({ ...view, [kind]: values });
  const active = hasActiveFilters(view);
  return (
    <section
      className="dashboard-filters fr-mb-3w"
      aria-labelledby={headingId}
      data-testid="dashboard-filters"
    >
      <h2 id={headingId} className="fr-sr-only">
        Filtres du tableau de bord
      </h2>
      <FilterControls
        filters={filters}
        view={view}
        onChange={onChange}
        datasets={datasets}
        {...(locked ? { locked } : {})}
      />
      <div className="dashboard-filters__active" aria-live="polite">
        <GeoBreadcrumb view={view} onChange={onChange} show={kinds.has('territoire')} root={territoryRoot} />
        {active ? (
          <ul className="fr-tags-group" aria-label="Filtres actifs">
            {view.annee.length > 0 && (
              <Chip
                text={`${labelOf('annee')} : ${yearsText(view.annee)}`}
                onRemove={() => onChange({ ...view, annee: [] })}
              />
            )}
            {(['programme', 'beneficiaire', 'tags'] as const).flatMap((kind) =>
              view[kind].map((value) => (
                <Chip
                  key={`${kind}-${value.code}`}
                  text={`${labelOf(kind)} : ${kind === 'programme' && value.label !== value.code ? `${value.code} ${value.label}` : value.label}`}
                  onRemove={() =>
                    setCodes(
                      kind,
                      view[kind].filter((c) => c.code !== value.code),
                    )
                  }
                />
              )),
            )}
            {view.selections.map((selection) => (
              <Chip
                key={`sel-${selection.widgetId}`}
                text={`${fieldLabel(selection.field)} : ${selection.label ?? String(selection.value ?? 'non renseigné')}`}
                title={`Sélection faite dans « ${widgetTitle(selection.widgetId)} »`}
                onRemove={() => onChange(clearSelection(view, selection.widgetId))}
                testId="chip-selection"
              />
            ))}
            <li>
              <button
                type="button"
                className="fr-btn fr-btn--sm fr-btn--tertiary-no-outline fr-icon-close-circle-line fr-btn--icon-left"
                onClick={() => onChange(EMPTY_VIEW)}
              >
                Tout effacer
              </button>
            </li>
          </ul>
        ) : (
          <p className="fr-text--sm fr-mb-0 dashboard-filters__none">
            Aucun filtre : toutes les données sont affichées. Cliquez sur une barre, une part ou une ligne
            pour filtrer les autres visualisations, sur une région de la carte pour y descendre.
          </p>
        )}
      </div>
    </section>
  );
}

export function yearsText(years: readonly number[]): string {
  const first = years[0];
  const last = years.at(-1);
  if (first === undefined || last === undefined) return '';
  if (first === last) return String(first);
  return last - first + 1 === years.length ? `${first} à ${last}` : years.join(', ');
}

export function Chip({
  text,
  title,
  onRemove,
  testId,
}: {
  text: string;
  title?: string;
  onRemove: () => void;
  testId?: string;
}) {
  return (
    <li>
      <button
        type="button"
        className="fr-tag fr-tag--sm fr-tag--dismiss"
        aria-label={`Retirer le filtre ${text}`}
        title={title}
        onClick={onRemove}
        data-testid={testId}
      >
        {text}
      </button>
    </li>
  );
}

/** « De 2019 à 2023 »: two lists of the years the data covers. */
export function YearFilter({
  label,
  datasets,
  years,
  onChange,
}: {
  label: string;
  datasets: readonly DashboardDatasetInfo[];
  years: readonly number[];
  onChange: (years: number[]) => void;
}) {
  const fromId = useId();
  const toId = useId();
  const dataset = withField(datasets, 'annee');
  const values = useFieldValues(dataset?.id ?? '', 'annee', { limit: 100 }, dataset !== undefined);
  const available = useMemo(() => {
    const found = (values.data?.values ?? []).map((v) => Number(v.value)).filter((v) => Number.isInteger(v));
    const all = new Set([...found, ...years]);
    return [...all].sort((a, b) => a - b);
  }, [values.data, years]);
  const from = years[0];
  const to = years.at(-1);
  const set = (nextFrom: number | undefined, nextTo: number | undefined) => {
    if (nextFrom === undefined && nextTo === undefined) return onChange([]);
    const low = nextFrom ?? available[0] ?? nextTo ?? 0;
    const high = nextTo ?? available.at(-1) ?? low;
    onChange(yearRange(low, high));
  };
  const parse = (text: string) => (text === '' ? undefined : Number(text));
  return (
    <fieldset className="dashboard-filter dashboard-years">
      <legend className="fr-label">{label}</legend>
      <div className="dashboard-filter__row">
        <label className="fr-sr-only" htmlFor={fromId}>
          {label} : première année
        </label>
        <select
          id={fromId}
          className="fr-select"
          value={from ?? ''}
          onChange={(e) => set(parse(e.target.value), to)}
        >
          <option value="">Début</option>
          {available.map((year) => (
            <option key={year} value={year}>
              {year}
            </option>
          ))}
        </select>
        <span aria-hidden="true">à</span>
        <label className="fr-sr-only" htmlFor={toId}>
          {label} : dernière année
        </label>
        <select
          id={toId}
          className="fr-select"
          value={to ?? ''}
          onChange={(e) => set(from, parse(e.target.value))}
        >
          <option value="">Fin</option>
          {available.map((year) => (
            <option key={year} value={year}>
              {year}
            </option>
          ))}
        </select>
      </div>
    </fieldset>
  );
}

/**
 * The pickers of the dashboard's global filters (année, territoire, programme, bénéficiaire,
 * politique), without what is active: the filters bar and the share dialog's locked values.
 */
export function FilterControls({
  filters,
  view,
  onChange,
  datasets,
  locked,
}: Pick<FiltersBarProps, 'filters' | 'view' | 'onChange' | 'datasets' | 'locked'>) {
  const kinds = new Set(filters.map((f) => f.kind));
  const labelOf = (kind: DashboardFilter['kind']) => filters.find((f) => f.kind === kind)?.label ?? kind;
  const codeSource = (kind: CodeKind): PickerSource | null => {
    if (kind === 'programme') return { kind: 'reference', reference: 'programmes' };
    const dataset = withField(datasets, kind);
    return dataset ? { kind: 'values', dataset: dataset.id, field: kind } : null;
  };
  const setCodes = (kind: CodeKind, values: readonly CodeLabel[]) => onChange({ ...view, [kind]: values });
  const lockedText = (kind: DashboardFilterKind) => locked?.get(kind);
  return (
    <div className="dashboard-filters__controls">
      {filters
        .map((f) => f.kind)
        .filter((kind) => lockedText(kind) !== undefined)
        .map((kind) => (
          <LockedFilter key={`locked-${kind}`} label={labelOf(kind)} text={lockedText(kind) ?? ''} />
        ))}
      {kinds.has('annee') && lockedText('annee') === undefined && (
        <YearFilter
          label={labelOf('annee')}
          datasets={datasets}
          years={view.annee}
          onChange={(annee) => onChange({ ...view, annee })}
        />
      )}
      {kinds.has('territoire') && lockedText('territoire') === undefined && (
        <TerritoryPicker
          label={labelOf('territoire')}
          path={view.territoire}
          onChange={(territoire) => onChange({ ...view, territoire })}
        />
      )}
      {(['programme', 'beneficiaire', 'tags'] as const)
        .filter((kind) => kinds.has(kind) && lockedText(kind) === undefined)
        .map((kind) => (
          <SearchPicker
            key={kind}
            label={labelOf(kind)}
            placeholder={
              kind === 'beneficiaire'
                ? 'Nom ou SIRET'
                : kind === 'programme'
                  ? 'Code ou intitulé'
                  : 'Rechercher'
            }
            source={codeSource(kind)}
            chosen={view[kind].map((c) => c.code)}
            showCode={kind === 'programme'}
            onPick={(value) => setCodes(kind, [...view[kind], value])}
          />
        ))}
    </div>
  );
}

/** A filter a share link fixed: its value, a lock, and why it cannot be changed. */
function LockedFilter({ label, text }: { label: string; text: string }) {
  return (
    <div className="dashboard-filter dashboard-filter--locked" data-testid="filtre-impose">
      <p className="fr-label fr-mb-1v">{label}</p>
      <p className="fr-mb-0 dashboard-filter__locked-value">
        <span className="fr-icon-lock-line fr-icon--sm" aria-hidden="true" /> {text}
      </p>
      <p className="fr-hint-text fr-mb-0">Filtre imposé par le lien</p>
    </div>
  );
}
