import { Select } from '@codegouvfr/react-dsfr/Select';
import { useRegions } from '../../auth/territory.ts';
import { NATIONAL } from '../../auth/types.ts';

/** « National » or one région of the COG reference (`GET /api/reference/regions`). */
export function TerritorySelect({
  value,
  onChange,
  id,
}: {
  value: string;
  onChange: (scope: string) => void;
  id: string;
}) {
  const regions = useRegions();
  return (
    <Select
      label="Territoire"
      hint="Un utilisateur régional ne voit que les données de sa région."
      state={regions.error ? 'error' : 'default'}
      stateRelatedMessage={regions.error ? 'La liste des régions n’a pas pu être chargée.' : undefined}
      nativeSelectProps={{ id, value, onChange: (e) => onChange(e.target.value), required: true }}
    >
      <option value={NATIONAL}>National (toutes les régions)</option>
      {(regions.data ?? []).map((region) => (
        <option key={String(region.value)} value={String(region.value)}>
          {String(region.label ?? region.value)} ({String(region.value)})
        </option>
      ))}
    </Select>
  );
}
