import { TERRITORY_LEVEL_LABELS, type TerritoryLevel } from './model.ts';
import { drillUp, type ViewState } from './viewState.ts';

/** « France entière › Bretagne › Ille-et-Vilaine »: each step goes back to that level. */
export function GeoBreadcrumb({
  view,
  onChange,
  show,
}: {
  view: ViewState;
  onChange: (view: ViewState) => void;
  show: boolean;
}) {
  if (!show) return null;
  const steps = [{ label: 'France entière', level: null as TerritoryLevel | null }, ...view.territoire];
  return (
    <nav aria-label="Niveau géographique" className="dashboard-geo" data-testid="geo-breadcrumb">
      <ol>
        {steps.map((step, depth) => {
          const current = depth === steps.length - 1;
          return (
            <li key={step.level ?? 'france'}>
              {current ? (
                <span aria-current="location">
                  {step.label}
                  {step.level && (
                    <span className="fr-text--xs"> ({TERRITORY_LEVEL_LABELS[step.level].toLowerCase()})</span>
                  )}
                </span>
              ) : (
                <button
                  type="button"
                  className="fr-link fr-link--sm"
                  onClick={() => onChange(drillUp(view, depth))}
                >
                  {step.label}
                </button>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
