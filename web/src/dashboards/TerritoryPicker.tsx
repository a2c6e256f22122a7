import { useId, useState } from 'react';
import { useDataScope } from '../auth/dataScopeContext.ts';
import { TERRITORY_LEVEL_LABELS, type TerritoryLevel, type TerritoryValue } from './model.ts';
import { SearchPicker } from './SearchPicker.tsx';
import { territorySearch } from './territorySearch.ts';

const REFERENCE: Record<TerritoryLevel, string> = {
  region: 'regions',
  departement: 'departements',
  epci: 'epci',
  commune: 'communes',
  qpv: 'quartiers',
};

/**
 * One territory picker for région → département → EPCI → commune → quartier prioritaire: choose
 * the level, search by name or code. Under a chosen territory the search stays inside it (départements of Bretagne),
 * and the pick goes on the drill path, so the breadcrumb can climb back.
 */
export function TerritoryPicker({
  label,
  path,
  onChange,
}: {
  label: string;
  path: readonly TerritoryValue[];
  onChange: (path: TerritoryValue[]) => void;
}) {
  const levelId = useId();
  const region = useDataScope();
  const current = path.at(-1);
  const [level, setLevel] = useState<TerritoryLevel | null>(null);
  // A reader scoped to a région searches inside it only (territorySearch.ts).
  const { levels, searched, within, parents } = territorySearch(region?.code ?? null, path, level);
  const inside = within.at(-1)?.label ?? region?.label;
  return (
    <fieldset className="dashboard-filter dashboard-territory">
      <legend className="fr-label">{label}</legend>
      <div className="dashboard-filter__row">
        <label className="fr-sr-only" htmlFor={levelId}>
          Niveau géographique recherché
        </label>
        <select
          id={levelId}
          className="fr-select"
          value={searched}
          onChange={(e) => setLevel(e.target.value as TerritoryLevel)}
        >
          {levels.map((l) => (
            <option key={l} value={l}>
              {TERRITORY_LEVEL_LABELS[l]}
            </option>
          ))}
        </select>
        <SearchPicker
          label={`Rechercher : ${TERRITORY_LEVEL_LABELS[searched].toLowerCase()}${inside ? ` dans ${inside}` : ''}`}
          labelHidden
          placeholder={inside ? `Dans ${inside}` : 'Nom ou code'}
          source={{ kind: 'reference', reference: REFERENCE[searched], parents }}
          chosen={current ? [current.code] : []}
          onPick={(value) => {
            onChange([...within, { level: searched, code: value.code, label: value.label }]);
            setLevel(null);
          }}
        />
      </div>
    </fieldset>
  );
}
