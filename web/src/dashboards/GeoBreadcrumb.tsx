import { useDataScope } from '../auth/dataScopeContext.ts';
import { TERRITORY_LEVEL_LABELS, type TerritoryLevel } from './model.ts';
import { drillUp, type ViewState } from './viewState.ts';

/**
 * « France entière › Bretagne › Ille-et-Vilaine »: each step goes back to that level. A reader
 * scoped to a région starts from it (« Vos données : Bretagne »), not from a France they cannot see.
 */
export function GeoBreadcrumb({
  view,
  onChange,
  show,
}: {
  view: ViewState;
  onChange: (view: ViewState) => void;
  show: boolean;
}) {
  const scope = useDataScope();
  if (!show) return null;
  const top = scope ? `Vos données : ${scope.label}` : 'France entière';
  const steps = [{ label: top, level: null as TerritoryLevel | null }, ...view.territoire];
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
