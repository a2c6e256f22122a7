import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Upload } from '@codegouvfr/react-dsfr/Upload';
import { formatValue } from '@dataetat/widgets/react';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError } from '../../api/client.ts';
import {
  type AssignmentBatch,
  type CsvFile,
  type FileAnalysis,
  previewTagFile,
  saveTagFile,
} from '../../api/tagAssignments.ts';
import { ScrollTable } from './imports/ScrollTable.tsx';
import './tags.css';

const errorText = (error: unknown) =>
  error instanceof ApiError ? error.message : 'L’opération a échoué. Réessayez.';
const integer = (n: number) => formatValue(n, 'integer');
const euros = (amounts: FileAnalysis['amounts']) =>
  amounts.map((a) => `${a.label} : ${formatValue(a.value, 'eur')}`).join(' ; ') || '—';

/** Lines of the file Chorus does not have: counted, the first named, kept. */
function describeUnmatched(analysis: FileAnalysis): string {
  const one = analysis.unmatchedTotal === 1;
  const named = analysis.unmatched.map((u) => `ligne ${u.line} : EJ ${u.ej}, poste ${u.poste}`).join(' ; ');
  const more = analysis.unmatchedTotal > analysis.unmatched.length ? ' ; …' : '';
  return one
    ? `1 ligne sans correspondance dans Chorus aujourd’hui (${named}). Elle sera gardée et s’appliquera si cet engagement arrive par un import.`
    : `${integer(analysis.unmatchedTotal)} lignes sans correspondance dans Chorus aujourd’hui (${named}${more}). Elles seront gardées et s’appliqueront si ces engagements arrivent par un import.`;
}

/**
 * A CSV of manual tags: chosen, read and checked by the server (nothing saved), shown — lines
 * read, found in Chorus, euros per tag, lines without a match, every error — then saved whole
 * on « Enregistrer » (never with an error left).
 */
export function TagFileImport({
  maxLines,
  maxChars,
  onSaved,
}: {
  readonly maxLines: number;
  readonly maxChars: number;
  readonly onSaved: (batch: AssignmentBatch, analysis: FileAnalysis) => void;
}) {
  const [file, setFile] = useState<CsvFile | null>(null);
  const [readError, setReadError] = useState<string | null>(null);
  const preview = useMutation({ mutationFn: previewTagFile });
  const save = useMutation({
    mutationFn: saveTagFile,
    onSuccess: ({ batch, analysis }) => {
      setFile(null);
      preview.reset();
      onSaved(batch, analysis);
    },
  });

  const choose = async (chosen: File) => {
    setReadError(null);
    save.reset();
    preview.reset();
    setFile(null);
    // UTF-8 text (a CSV of codes and numbers: what Excel writes reads the same).
    if (chosen.size > maxChars * 3) {
      setReadError(
        `Le fichier « ${chosen.name} » est trop volumineux : ${integer(maxLines)} lignes au plus.`,
      );
      return;
    }
    const content = await chosen.text();
    const next = { fileName: chosen.name || 'fichier.csv', content };
    setFile(next);
    preview.mutate(next);
  };

  const analysis = preview.data;
  const refused = analysis !== undefined && analysis.problemsTotal > 0;
  return (
    <section aria-labelledby="tag-file-title" className="fr-mb-6w">
      <h3 id="tag-file-title">Fichier de lignes Chorus</h3>
      <Upload
        label="Fichier CSV d’étiquettes"
        hint={`En-tête « n_ej;n_poste_ej;tags », puis une ligne par ligne Chorus : numéro d’EJ, numéro de poste, étiquettes séparées par « | » (ex. 2103105755;1;fonds_vert|velo_du_quotidien). ${integer(maxLines)} lignes au plus. Rien n’est enregistré avant votre confirmation.`}
        nativeInputProps={{
          id: 'etiquettes-fichier',
          accept: '.csv,text/csv,text/plain',
          onChange: (event) => {
            const chosen = event.target.files?.[0];
            // Cleared so that choosing the same file again (after a fix) reads it again.
            event.target.value = '';
            if (chosen) void choose(chosen);
          },
        }}
      />
      <div aria-live="polite" className="fr-mt-2w">
        {readError && <Alert severity="error" small description={readError} />}
        {preview.isPending && <p>Lecture et vérification de « {file?.fileName} »…</p>}
        {preview.isError && <Alert severity="error" small description={errorText(preview.error)} />}
        {save.isError && <Alert severity="error" small description={errorText(save.error)} />}
        {analysis && file && (
          <div data-testid="tag-file-preview" className="fr-mt-2w">
            <h4>Aperçu de « {analysis.fileName} »</h4>
            <ul className="dataetat-tag-counters" data-testid="tag-file-counters">
              <li>
                <span className="dataetat-tag-counters__value">{integer(analysis.linesRead)}</span> lignes
                lues
              </li>
              {refused ? (
                <>
                  <li>
                    <span className="dataetat-tag-counters__value">{integer(analysis.linesValid)}</span>{' '}
                    valides
                  </li>
                  <li>
                    <span className="dataetat-tag-counters__value">{integer(analysis.problemsTotal)}</span> en
                    erreur
                  </li>
                </>
              ) : (
                <>
                  <li>
                    <span className="dataetat-tag-counters__value">{integer(analysis.matched)}</span> trouvées
                    dans Chorus
                  </li>
                  <li>
                    <span className="dataetat-tag-counters__value">{integer(analysis.unmatchedTotal)}</span>{' '}
                    sans correspondance
                  </li>
                </>
              )}
            </ul>
            {!refused && <p>Montants étiquetés : {euros(analysis.amounts)}.</p>}
            {refused && (
              <>
                <Alert
                  severity="error"
                  small
                  className="fr-mb-2w"
                  description={`Fichier refusé : ${integer(analysis.problemsTotal)} ligne${analysis.problemsTotal > 1 ? 's' : ''} en erreur. Rien n’est enregistré tant qu’une ligne est en erreur : corrigez le fichier et choisissez-le à nouveau.`}
                />
                <ScrollTable
                  caption={`Erreurs${analysis.problemsTotal > analysis.problems.length ? ` (${analysis.problems.length} premières sur ${integer(analysis.problemsTotal)})` : ''}`}
                  testId="tag-file-problems"
                >
                  <thead>
                    <tr>
                      <th scope="col">Ligne</th>
                      <th scope="col">Colonne</th>
                      <th scope="col">Valeur</th>
                      <th scope="col">Motif</th>
                    </tr>
                  </thead>
                  <tbody>
                    {analysis.problems.map((p) => (
                      <tr key={`${p.line}-${p.column}`}>
                        <td>{p.line}</td>
                        <td>{p.column}</td>
                        <td className="dataetat-tag-break">{p.value}</td>
                        <td>
                          <div className="dataetat-tag-wide">{p.reason}</div>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </ScrollTable>
              </>
            )}
            {!refused && analysis.tags.length > 0 && (
              <ScrollTable caption="Ce que le fichier étiquetterait, par étiquette" testId="tag-file-tags">
                <thead>
                  <tr>
                    <th scope="col">Étiquette</th>
                    <th scope="col">Lignes du fichier</th>
                    <th scope="col">Trouvées</th>
                    <th scope="col">Montants</th>
                  </tr>
                </thead>
                <tbody>
                  {analysis.tags.map((t) => (
                    <tr key={t.code}>
                      <td>
                        {t.label} <code>{t.code}</code>{' '}
                        {t.isNew && (
                          <Badge small severity="new" as="span">
                            Nouvelle étiquette
                          </Badge>
                        )}
                      </td>
                      <td>{integer(t.lines)}</td>
                      <td>{integer(t.matched)}</td>
                      <td>
                        <div className="dataetat-tag-wide">{euros(t.amounts)}</div>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </ScrollTable>
            )}
            {!refused && analysis.tags.some((t) => t.isNew) && (
              <p className="fr-text--sm">
                « Nouvelle étiquette » : aucune règle ne pose ce code ; vérifiez son orthographe. Son libellé
                est le code mis en forme.
              </p>
            )}
            {!refused && analysis.unmatchedTotal > 0 && (
              <Alert
                severity="warning"
                small
                className="fr-mb-2w"
                description={describeUnmatched(analysis)}
              />
            )}
            <ul className="fr-btns-group fr-btns-group--inline-md">
              <li>
                <Button disabled={refused || save.isPending} onClick={() => save.mutate(file)}>
                  {save.isPending ? 'Enregistrement…' : 'Enregistrer ces affectations'}
                </Button>
              </li>
              <li>
                <Button
                  priority="tertiary"
                  onClick={() => {
                    setFile(null);
                    preview.reset();
                    save.reset();
                  }}
                >
                  Abandonner ce fichier
                </Button>
              </li>
            </ul>
          </div>
        )}
      </div>
    </section>
  );
}
