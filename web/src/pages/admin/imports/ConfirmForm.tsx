import { Button } from '@codegouvfr/react-dsfr/Button';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { IMPORT_MODE_LABELS, type ImportJob } from '@dataetat/widgets';
import { type FormEvent, useState } from 'react';
import { useRegions } from '../../../auth/territory.ts';
import { NATIONAL } from '../../../auth/types.ts';
import type { ImportMode } from './api.ts';

export interface ImportChoice {
  readonly mode: ImportMode;
  readonly region?: string;
}

const MODE_HINTS: Record<ImportMode, string> = {
  tout_ou_rien:
    'Une seule ligne invalide, et rien n’est importé : corrigez le fichier puis déposez-le à nouveau.',
  ignorer_invalides: 'Les lignes valides sont importées ; les autres sont listées au rapport.',
};

/**
 * « Tout ou rien » (default) or « ignorer les lignes invalides », the région a regional report
 * covers (an administrator of one région imports for it only), then confirm or give up.
 */
export function ConfirmForm({
  job,
  scope,
  busy,
  onConfirm,
  onCancel,
}: {
  readonly job: ImportJob;
  /** The administrator's territory: a région code or NAT. */
  readonly scope: string;
  readonly busy: boolean;
  readonly onConfirm: (choice: ImportChoice) => void;
  readonly onCancel: () => void;
}) {
  const [mode, setMode] = useState<ImportMode>('tout_ou_rien');
  const [region, setRegion] = useState(scope === NATIONAL ? '' : scope);
  const regions = useRegions();
  const needsRegion = !(job.layout?.carriesRegion ?? true);
  const analysing = job.status === 'analysing';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onConfirm({ mode, ...(needsRegion && region ? { region } : {}) });
  };
  return (
    <form onSubmit={submit} aria-label="Confirmer l’import" data-testid="import-confirm-form">
      <RadioButtons
        legend="Lignes invalides"
        name="mode"
        options={(Object.keys(IMPORT_MODE_LABELS) as ImportMode[]).map((value) => ({
          label: IMPORT_MODE_LABELS[value],
          hintText: MODE_HINTS[value],
          nativeInputProps: { value, checked: mode === value, onChange: () => setMode(value) },
        }))}
      />
      {needsRegion && (
        <Select
          label="Région couverte par le rapport"
          hint={
            scope === NATIONAL
              ? 'Un rapport INF-BUD-53 ne dit pas sa région : ses lignes remplaceront celles de cette région pour les années du fichier.'
              : 'Votre compte importe pour sa région seulement.'
          }
          disabled={scope !== NATIONAL}
          nativeSelectProps={{
            id: 'import-region',
            value: region,
            required: true,
            onChange: (event) => setRegion(event.target.value),
          }}
        >
          <option value="" disabled>
            Choisissez la région
          </option>
          {(regions.data ?? []).map((r) => (
            <option key={String(r.value)} value={String(r.value)}>
              {String(r.label ?? r.value)} ({String(r.value)})
            </option>
          ))}
        </Select>
      )}
      {analysing && (
        <p className="fr-hint-text" role="status">
          La lecture du fichier se termine : la confirmation sera possible dans un instant.
        </p>
      )}
      <ul className="fr-btns-group fr-btns-group--inline-md fr-mt-3w">
        <li>
          <Button type="submit" disabled={busy || analysing}>
            Confirmer l’import
          </Button>
        </li>
        <li>
          <Button type="button" priority="secondary" disabled={busy} onClick={onCancel}>
            Annuler
          </Button>
        </li>
      </ul>
    </form>
  );
}
