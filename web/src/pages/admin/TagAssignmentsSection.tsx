import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../../api/client.ts';
import { type AssignmentBatch, deleteTagAssignment, fetchTagAssignments } from '../../api/tagAssignments.ts';
import { Loading } from '../../components/Loading.tsx';
import { QueryErrorAlert } from '../../components/QueryErrorAlert.tsx';
import { formatDateTime } from './format.ts';
import { ScrollTable } from './imports/ScrollTable.tsx';
import { TagBeneficiaryForm } from './TagBeneficiaryForm.tsx';
import { TagFileImport } from './TagFileImport.tsx';
import { describeReach } from './tagAssignmentDraft.ts';

export const ASSIGNMENTS_KEY = ['admin', 'tag-assignments'] as const;

export type Notice = {
  readonly severity: 'success' | 'error' | 'info';
  readonly text: string;
  /** Offer « Appliquer les étiquettes » beside it (something was saved or deleted). */
  readonly apply?: boolean;
};

const errorText = (error: unknown) =>
  error instanceof ApiError ? error.message : 'L’opération a échoué. Réessayez.';

/**
 * « Affectations manuelles »: tags given by hand — a CSV of Chorus lines, one beneficiary — and
 * the list of what is saved, each deletable. Saving changes no data: « Appliquer les étiquettes »
 * merges them with the rules. `onChange` refreshes what depends on them (the version to apply).
 */
export function TagAssignmentsSection({
  notice,
  onNotice,
  onChange,
  applying,
  onApply,
}: {
  /** What the last action here gave (shown here, where the administrator is). */
  readonly notice: Notice | null;
  readonly onNotice: (notice: Notice | null) => void;
  readonly onChange: () => void;
  readonly applying: boolean;
  readonly onApply: () => void;
}) {
  const queryClient = useQueryClient();
  const assignments = useQuery({
    queryKey: ASSIGNMENTS_KEY,
    queryFn: ({ signal }) => fetchTagAssignments(signal),
  });
  const changed = () => {
    void queryClient.invalidateQueries({ queryKey: ASSIGNMENTS_KEY });
    onChange();
  };
  const saved = (batch: AssignmentBatch) => {
    onNotice({
      severity: 'info',
      text: `Affectation manuelle n° ${batch.id} enregistrée (${describeReach(batch.kind, batch.report)}). « Appliquer les étiquettes » la pose sur les données.`,
      apply: true,
    });
    changed();
  };
  const remove = useMutation({
    mutationFn: (batch: AssignmentBatch) => deleteTagAssignment(batch.id),
    onSuccess: (_, batch) => {
      onNotice({
        severity: 'info',
        text: `Affectation manuelle n° ${batch.id} supprimée ; ses étiquettes partent à la prochaine application.`,
        apply: true,
      });
      changed();
    },
    onError: (error) => onNotice({ severity: 'error', text: errorText(error) }),
  });

  return (
    <section aria-labelledby="tag-assignments-title" className="fr-mt-6w">
      <h2 id="tag-assignments-title">Affectations manuelles</h2>
      <p>
        Une étiquette peut aussi être donnée à la main : à des lignes Chorus désignées par leur engagement
        juridique (fichier CSV) ou à un bénéficiaire. L’origine de chaque étiquette — règle ou affectation
        manuelle, avec son numéro, son auteur et sa date — se lit dans la colonne « Origine de l’étiquette »
        des jeux de données. Une même étiquette venue d’une règle et de la main n’apparaît qu’une fois.
      </p>
      <div aria-live="polite">
        {notice && (
          <div className="fr-mb-3w" data-testid="tag-assignments-notice">
            <Alert
              severity={notice.severity}
              small
              description={notice.text}
              closable
              onClose={() => onNotice(null)}
              className="fr-mb-2w"
            />
            {notice.apply && (
              <Button priority="secondary" disabled={applying} onClick={onApply}>
                {applying ? 'Application en cours…' : 'Appliquer les étiquettes maintenant'}
              </Button>
            )}
          </div>
        )}
      </div>
      {assignments.isPending && <Loading label="Chargement des affectations…" />}
      {assignments.isError && (
        <QueryErrorAlert error={assignments.error} onRetry={() => assignments.refetch()} />
      )}
      {assignments.data && (
        <>
          <TagFileImport
            maxLines={assignments.data.limits.fileLines}
            maxChars={assignments.data.limits.fileChars}
            onSaved={saved}
          />
          <TagBeneficiaryForm maxTags={assignments.data.limits.tagsPerTarget} onSaved={saved} />
          {assignments.data.batches.length === 0 ? (
            <p data-testid="tag-assignments-empty">
              Aucune affectation manuelle : déposez un fichier ou étiquetez un bénéficiaire ci-dessus.
            </p>
          ) : (
            <ScrollTable
              caption={`Affectations manuelles enregistrées (${assignments.data.batches.length})`}
              testId="tag-assignments"
            >
              <thead>
                <tr>
                  <th scope="col">Affectation</th>
                  <th scope="col">Étiquettes</th>
                  <th scope="col">Portée à l’enregistrement</th>
                  <th scope="col">Auteur et date</th>
                  <th scope="col">Action</th>
                </tr>
              </thead>
              <tbody>
                {assignments.data.batches.map((batch) => (
                  <tr key={batch.id}>
                    <td>
                      <div className="dataetat-tag-wide">
                        n° {batch.id} —{' '}
                        {batch.kind === 'fichier'
                          ? `fichier « ${batch.fileName} »`
                          : `${batch.beneficiary?.length === 9 ? 'SIREN' : 'SIRET'} ${batch.beneficiary}`}
                      </div>
                    </td>
                    <td>
                      {batch.tags.map((t) => (
                        <code key={t} className="fr-mr-1w">
                          {t}
                        </code>
                      ))}
                    </td>
                    <td>
                      <div className="dataetat-tag-wide">{describeReach(batch.kind, batch.report)}</div>
                    </td>
                    <td>
                      <div className="dataetat-tag-wide">
                        {batch.authorEmail}, {formatDateTime(batch.createdAt)}
                      </div>
                    </td>
                    <td>
                      <Button
                        size="small"
                        priority="tertiary"
                        disabled={remove.isPending}
                        onClick={() => {
                          if (window.confirm(`Supprimer l’affectation manuelle n° ${batch.id} ?`))
                            remove.mutate(batch);
                        }}
                      >
                        Supprimer l’affectation n° {batch.id}
                      </Button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </ScrollTable>
          )}
        </>
      )}
    </section>
  );
}
