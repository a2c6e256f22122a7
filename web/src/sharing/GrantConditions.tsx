import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { Input } from '@codegouvfr/react-dsfr/Input';
import type { DashboardDatasetInfo, DashboardFilter } from '@dataetat/widgets';
import type { Dispatch, SetStateAction } from 'react';
import type { NewShareLink } from '../api/sharing.ts';
import { EMPTY_VIEW, type ViewState } from '../dashboards/viewState.ts';
import { LockedFiltersEditor } from './LockedFiltersEditor.tsx';
import { lockedFiltersOf } from './lockedFilters.ts';
import { expiryOf, lastExpiryDay, today } from './parts.tsx';

/** What limits a link or an embed, as its creation form holds it. */
export interface GrantConditions {
  /** The date field's `aaaa-mm-jj`, '' for none. */
  readonly expiry: string;
  readonly agentsOnly: boolean;
  /** Locked filters, chosen with the dashboard's own pickers. */
  readonly locked: ViewState;
}

export const NO_CONDITIONS: GrantConditions = { expiry: '', agentsOnly: false, locked: EMPTY_VIEW };

/** The conditions as both creation routes take them: an absent expiry or lock is left out. */
export function conditionsBody(
  conditions: GrantConditions,
): Pick<NewShareLink, 'expiresAt' | 'agentsOnly' | 'lockedFilters'> {
  const expiresAt = expiryOf(conditions.expiry);
  const lockedFilters = lockedFiltersOf(conditions.locked);
  return {
    ...(expiresAt ? { expiresAt } : {}),
    agentsOnly: conditions.agentsOnly,
    ...(lockedFilters.length > 0 ? { lockedFilters } : {}),
  };
}

/**
 * Expiry, « Agents connectés uniquement » and locked values: the fields the « Liens » and
 * « Intégrer » forms share, each with the hints that fit its kind.
 */
export function GrantConditionsFields({
  conditions,
  onChange,
  filters,
  datasets,
  expiryHint,
  agentsOnlyHint,
}: {
  conditions: GrantConditions;
  /** The tab's state setter: each field updates its part of the latest state. */
  onChange: Dispatch<SetStateAction<GrantConditions>>;
  filters: readonly DashboardFilter[];
  datasets: readonly DashboardDatasetInfo[];
  expiryHint?: string;
  agentsOnlyHint: string;
}) {
  return (
    <>
      <Input
        label="Date d’expiration (facultatif)"
        hintText={expiryHint}
        nativeInputProps={{
          type: 'date',
          value: conditions.expiry,
          min: today(),
          max: lastExpiryDay(),
          onChange: (e) => onChange((current) => ({ ...current, expiry: e.target.value })),
        }}
      />
      <Checkbox
        options={[
          {
            label: 'Agents connectés uniquement',
            hintText: agentsOnlyHint,
            nativeInputProps: {
              checked: conditions.agentsOnly,
              onChange: (e) => onChange((current) => ({ ...current, agentsOnly: e.target.checked })),
            },
          },
        ]}
      />
      <LockedFiltersEditor
        filters={filters}
        datasets={datasets}
        view={conditions.locked}
        onChange={(locked) => onChange((current) => ({ ...current, locked }))}
      />
    </>
  );
}
