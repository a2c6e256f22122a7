import { useDataScope } from '../auth/dataScopeContext.ts';
import { TERRITORY_LEVEL_LABELS, TERRITORY_LEVELS, type TerritoryLevel } from './model.ts';
import { drillUp, type ViewState } from './viewState.ts';

/** A territory the data on screen is held to (a share link's or an embed's locked filter). */
export interface BreadcrumbRoot {
  readonly level: TerritoryLevel;
  readonly label: string;
}

/**
 * « France entière › Bretagne › Ille-et-Vilaine »: each step goes back to that level. A reader
 * scoped to a région starts from it (« Vos données : Bretagne »), not from a France they cannot see;
 * a view locked to a territory (`root`) starts from that territory, and the drill steps that do
 * not go below it (Bretagne above a locked Ille-et-Vilaine) are left out: they show nothing more.
 */
export function GeoBreadcrumb({
  view,
  onChange,
  show,
  root = null,
}: {
  view: ViewState;
  onChange: (view: ViewState) => void;
  show: boolean;
  root?: BreadcrumbRoot | null;
}) {
  const scope = useDataScope();
  if (!show) return null;
  const below = (level: TerritoryLevel) =>
    root === null || TERRITORY_LEVELS.indexOf(level) > TERRITORY_LEVELS.indexOf(root.level);
  // `depth`: how many drill steps going back to that step keeps (0 = the top).
  const drilled = view.territoire.flatMap((t, i) => (below(t.level) ? [{ ...t, depth: i + 1 }] : []));
  const top = {
    label: root ? root.label : scope ? `Vos données : ${scope.label}` : 'France entière',
    level: root?.level ?? null,
    depth: (drilled[0]?.depth ?? 1) - 1,
  };
  const steps = [top, ...drilled];
  return (
    <nav aria-label="Niveau géographique" className="dashboard-geo" data-testid="geo-breadcrumb">
      <ol>
        {steps.map((step, index) => {
          const current = index === steps.length - 1;
          return (
            <li key={index === 0 ? 'top' : step.level}>
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
                  onClick={() => onChange(drillUp(view, step.depth))}
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
