import { useId, useState } from 'react';
import {
  TERRITORY_LEVEL_LABELS,
  TERRITORY_LEVELS,
  type TerritoryLevel,
  type TerritoryValue,
} from './model.ts';
import { SearchPicker } from './SearchPicker.tsx';

const REFERENCE: Record<TerritoryLevel, string> = {
  region: 'regions',
  departement: 'departements',
  epci: 'epci',
  commune: 'communes',
};

/**
 * One territory picker for région → département → EPCI → commune: choose the level, search by
 * name or code. Under a chosen territory the search stays inside it (départements of Bretagne),
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
  const current = path.at(-1);
  const finer = (level: TerritoryLevel) => TERRITORY_LEVELS.indexOf(level);
  const nextLevel = current
    ? (TERRITORY_LEVELS[Math.min(finer(current.level) + 1, 3)] ?? 'commune')
    : 'region';
  const [level, setLevel] = useState<TerritoryLevel | null>(null);
  const searched = level ?? nextLevel;
  // Narrow the search to the coarser steps already chosen.
  const within = path.filter((t) => finer(t.level) < finer(searched));
  const parents = Object.fromEntries(within.map((t) => [t.level, t.code]));
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
          {TERRITORY_LEVELS.map((l) => (
            <option key={l} value={l}>
              {TERRITORY_LEVEL_LABELS[l]}
            </option>
          ))}
        </select>
        <SearchPicker
          label={`Rechercher : ${TERRITORY_LEVEL_LABELS[searched].toLowerCase()}${within.length > 0 ? ` dans ${within.at(-1)?.label}` : ''}`}
          labelHidden
          placeholder={within.length > 0 ? `Dans ${within.at(-1)?.label}` : 'Nom ou code'}
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
