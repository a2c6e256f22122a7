import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { formatValue } from '@dataetat/widgets/react';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import {
  type AssignmentBatch,
  type BeneficiaryAnalysis,
  previewBeneficiaryTags,
  saveBeneficiaryTags,
} from '../../api/tagAssignments.ts';
import { ScrollTable } from './imports/ScrollTable.tsx';
import { beneficiaryOf, tagCodesOf } from './tagAssignmentDraft.ts';

const errorText = (error: unknown) =>
  error instanceof ApiError ? error.message : 'L’opération a échoué. Réessayez.';

/**
 * Tags for one beneficiary: a SIRET (that establishment) or a SIREN (all its establishments),
 * valid in every dataset that names its beneficiaries; previewed (lines and euros per dataset),
 * then saved.
 */
export function TagBeneficiaryForm({
  maxTags,
  onSaved,
}: {
  readonly maxTags: number;
  readonly onSaved: (batch: AssignmentBatch, analysis: BeneficiaryAnalysis) => void;
}) {
  const [identifier, setIdentifier] = useState('');
  const [tags, setTags] = useState('');
  const [touched, setTouched] = useState(false);
  const beneficiary = beneficiaryOf(identifier);
  const codes = tagCodesOf(tags, maxTags);
  const preview = useMutation({
    mutationFn: ({ b, t }: { b: string; t: string[] }) => previewBeneficiaryTags(b, t),
  });
  const save = useMutation({
    mutationFn: ({ b, t }: { b: string; t: string[] }) => saveBeneficiaryTags(b, t),
    onSuccess: ({ batch, analysis }) => {
      setIdentifier('');
      setTags('');
      setTouched(false);
      preview.reset();
      onSaved(batch, analysis);
    },
  });
  const run = (mutation: typeof preview | typeof save) => {
    setTouched(true);
    if ('value' in beneficiary && 'value' in codes) mutation.mutate({ b: beneficiary.value, t: codes.value });
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    run(save);
  };
  const shown = preview.data;

  return (
    <section aria-labelledby="tag-beneficiary-title" className="fr-mb-6w">
      <h3 id="tag-beneficiary-title">Un bénéficiaire</h3>
      <form onSubmit={submit} aria-labelledby="tag-beneficiary-title" noValidate>
        <p className="fr-text--sm">
          Ses étiquettes valent dans chaque jeu de données qui nomme ses bénéficiaires par SIRET (Chorus,
          politique de la ville, subventions des opérateurs, France 2030) ou par SIREN (dotations des
          intercommunalités).
        </p>
        <div className="fr-grid-row fr-grid-row--gutters fr-mb-3w">
          <div className="fr-col-12 fr-col-md-6">
            <Input
              label="SIRET ou SIREN"
              hintText="14 chiffres : un établissement ; 9 chiffres : toute l’entreprise."
              state={touched && 'error' in beneficiary ? 'error' : 'default'}
              stateRelatedMessage={'error' in beneficiary ? beneficiary.error : undefined}
              nativeInputProps={{
                value: identifier,
                inputMode: 'numeric',
                autoComplete: 'off',
                onChange: (e) => {
                  setIdentifier(e.target.value);
                  preview.reset();
                },
              }}
            />
          </div>
          <div className="fr-col-12 fr-col-md-6">
            <Input
              label="Étiquettes"
              hintText="Codes séparés par des espaces, virgules ou « | » (ex. fonds_vert velo)."
              state={touched && 'error' in codes ? 'error' : 'default'}
              stateRelatedMessage={'error' in codes ? codes.error : undefined}
              nativeInputProps={{
                value: tags,
                autoComplete: 'off',
                onChange: (e) => {
                  setTags(e.target.value);
                  preview.reset();
                },
              }}
            />
          </div>
        </div>
        <div aria-live="polite">
          {preview.isError && <Alert severity="error" small description={errorText(preview.error)} />}
          {save.isError && <Alert severity="error" small description={errorText(save.error)} />}
          {shown && (
            <>
              {shown.matched === 0 && (
                <Alert
                  severity="warning"
                  small
                  className="fr-mb-2w"
                  description={`Aucune ligne ne nomme ce ${shown.kind === 'siren' ? 'SIREN' : 'SIRET'} aujourd’hui : l’affectation sera gardée et s’appliquera à ses lignes futures.`}
                />
              )}
              <ScrollTable
                caption={`Aperçu : les lignes du ${shown.kind === 'siren' ? 'SIREN' : 'SIRET'} ${shown.identifier}`}
                testId="tag-beneficiary-preview"
              >
                <thead>
                  <tr>
                    <th scope="col">Jeu de données</th>
                    <th scope="col">Lignes</th>
                    <th scope="col">Montants</th>
                  </tr>
                </thead>
                <tbody>
                  {shown.datasets.map((d) => (
                    <tr key={d.dataset}>
                      <td>{d.title}</td>
                      <td>{formatValue(d.lines, 'integer')}</td>
                      <td>
                        <div className="dataetat-tag-wide">
                          {d.amounts.map((a) => `${a.label} : ${formatValue(a.value, 'eur')}`).join(' ; ') ||
                            '—'}
                        </div>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </ScrollTable>
            </>
          )}
        </div>
        <ul className="fr-btns-group fr-btns-group--inline-md">
          <li>
            <Button
              type="button"
              priority="secondary"
              disabled={preview.isPending}
              onClick={() => run(preview)}
            >
              {preview.isPending ? 'Calcul de l’aperçu…' : 'Aperçu (lignes et montants)'}
            </Button>
          </li>
          <li>
            <Button type="submit" disabled={save.isPending}>
              Enregistrer les étiquettes du bénéficiaire
            </Button>
          </li>
        </ul>
      </form>
    </section>
  );
}
