import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import type { ImportJobAnswer } from '@dataetat/widgets';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { ApiError } from '../../api/client.ts';
import { useAuth } from '../../auth/AuthProvider.tsx';
import { useSessionKeepAlive } from '../../auth/keepAlive.ts';
import { NATIONAL } from '../../auth/types.ts';
import { useUnsavedWork } from '../../auth/unsavedWork.ts';
import { Loading } from '../../components/Loading.tsx';
import { QueryErrorAlert } from '../../components/QueryErrorAlert.tsx';
import { cancelImport, confirmImport, fetchImport, fetchImports, uploadImport } from './imports/api.ts';
import { ConfirmForm, type ImportChoice } from './imports/ConfirmForm.tsx';
import { DropZone } from './imports/DropZone.tsx';
import { ImportHistory } from './imports/ImportHistory.tsx';
import { Counters, DetectedFormat, PreviewTable, ProblemsTable } from './imports/JobDetails.tsx';
import { JobOutcome } from './imports/JobOutcome.tsx';
import { formatBytes, isPending, isWorking, pendingJobOf } from './imports/jobView.ts';
import { ProgressBar } from './imports/ProgressBar.tsx';
import './imports/imports.css';

const LIST_KEY = ['admin', 'imports', 'list'] as const;
const jobKey = (id: number) => ['admin', 'imports', 'job', id] as const;
/** How often a job the server is working on is asked again. */
const POLL_MS = 500;

interface Upload {
  readonly name: string;
  readonly sent: number;
  readonly total: number;
}

const messageOf = (error: unknown) =>
  error instanceof ApiError ? error.message : 'Une erreur inattendue est survenue. Réessayez.';
const sessionLost = (error: unknown) => error instanceof ApiError && error.code === 'AUTH_REQUIRED';

/**
 * « Administration › Imports » (issue 11): give a file, see what the server recognised and the
 * first lines as they will be imported, the counts and first problems, choose how invalid lines
 * are treated (and the région of a regional report), confirm, follow the import, read the
 * outcome; the history below. The job lives on the server: `?import=<id>` names the one on
 * screen, and after a new sign-in the page takes up this administrator's unfinished import.
 */
export function ImportsPage() {
  const client = useQueryClient();
  const { user, signInAgain } = useAuth();
  const [search, setSearch] = useSearchParams();
  const currentId = Number(search.get('import')) || null;
  const [upload, setUpload] = useState<Upload | null>(null);
  const [refusal, setRefusal] = useState<{ title: string; message: string } | null>(null);

  const history = useQuery({ queryKey: LIST_KEY, queryFn: ({ signal }) => fetchImports(signal) });
  const current = useQuery({
    queryKey: jobKey(currentId ?? 0),
    queryFn: ({ signal }) => fetchImport(currentId ?? 0, signal),
    enabled: currentId !== null,
    refetchInterval: (query) =>
      query.state.data && isWorking(query.state.data.job.status) ? POLL_MS : false,
  });
  const job = currentId !== null ? current.data?.job : undefined;

  const show = (id: number | null) =>
    setSearch(id === null ? {} : { import: String(id) }, { replace: id !== null && currentId === null });

  // Once per visit: an unfinished import of this administrator comes back on screen.
  const resumed = useRef(false);
  useEffect(() => {
    if (resumed.current || !history.data || !user) return;
    resumed.current = true;
    const pending = pendingJobOf(history.data, user.id);
    if (currentId === null && pending) setSearch({ import: String(pending.id) }, { replace: true });
  }, [history.data, user, currentId, setSearch]);

  // A job that has just finished changes the history.
  const status = job?.status;
  useEffect(() => {
    if (status && !isWorking(status)) void client.invalidateQueries({ queryKey: LIST_KEY });
  }, [status, client]);

  const received = (answer: ImportJobAnswer) => {
    client.setQueryData(jobKey(answer.job.id), answer);
    void client.invalidateQueries({ queryKey: LIST_KEY });
  };

  const send = async (file: File): Promise<void> => {
    setRefusal(null);
    const maxMb = history.data?.maxMb;
    if (maxMb !== undefined && file.size > maxMb * 1024 * 1024) {
      setRefusal({
        title: 'Fichier trop volumineux',
        message: `« ${file.name} » pèse ${formatBytes(file.size)} : la taille maximale d’un import est de ${formatBytes(maxMb * 1024 * 1024)}. Rien n’a été envoyé.`,
      });
      return;
    }
    setUpload({ name: file.name, sent: 0, total: file.size });
    try {
      const answer = await uploadImport(file, (sent, total) => setUpload({ name: file.name, sent, total }));
      received(answer);
      resumed.current = true;
      show(answer.job.id);
    } catch (error) {
      // Session lost while sending: sign in again over the page, then send the same file again.
      if (sessionLost(error) && (await signInAgain())) return send(file);
      const refused = error instanceof ApiError && error.isClientError;
      setRefusal({
        title: refused ? `Fichier « ${file.name} » refusé` : 'L’envoi du fichier a échoué',
        message: messageOf(error),
      });
      void client.invalidateQueries({ queryKey: LIST_KEY });
    } finally {
      setUpload(null);
    }
  };

  const confirm = useMutation({
    mutationFn: async ({ id, choice }: { id: number; choice: ImportChoice }): Promise<ImportJobAnswer> => {
      try {
        return await confirmImport(id, choice);
      } catch (error) {
        if (sessionLost(error) && (await signInAgain())) return confirmImport(id, choice);
        throw error;
      }
    },
    onSuccess: received,
  });
  const cancel = useMutation({
    mutationFn: (id: number) => cancelImport(id),
    onSuccess: received,
  });

  const pending = job ? isPending(job.status) : false;
  // A job waiting for its confirmation is work in progress: a lost session asks to sign in
  // again over the page instead of leaving it.
  useUnsavedWork(upload !== null || job?.status === 'awaiting_confirmation' || confirm.isPending);
  useSessionKeepAlive(upload !== null || pending);

  const showDropZone = upload === null && (currentId === null || (job !== undefined && !pending));

  return (
    <>
      <title>Imports — Administration — Data-État</title>
      <h1>Imports</h1>
      <p className="fr-text--lead">
        Déposez une extraction Chorus, un fichier de subventions ou un référentiel (Calculette Chorus, centres
        de coûts, localisations interministérielles, lieux d’action en quartier prioritaire) : le fichier est
        lu et vérifié, vous voyez ce qui sera importé, puis vous confirmez. Les données en place ne changent
        qu’à la fin, d’un seul coup.
      </p>

      {refusal && (
        <div role="alert" data-testid="import-refusal">
          <Alert
            severity="error"
            as="h2"
            title={refusal.title}
            description={refusal.message}
            className="fr-mb-4w"
          />
        </div>
      )}

      {upload && (
        <section aria-labelledby="import-upload-title" className="fr-mb-4w">
          <h2 id="import-upload-title">Envoi de « {upload.name} »</h2>
          <ProgressBar
            label={
              upload.sent < upload.total
                ? `Envoi : ${formatBytes(upload.sent)} sur ${formatBytes(upload.total)}`
                : 'Fichier reçu : identification du format…'
            }
            ratio={upload.total > 0 ? upload.sent / upload.total : null}
          />
        </section>
      )}

      {currentId !== null && (
        <section aria-labelledby="import-job-title" className="fr-mb-6w" data-testid="import-job">
          <h2 id="import-job-title">
            Import n° {currentId}
            {job && ` — ${job.statusLabel}`}
          </h2>
          {current.isPending && <Loading label="Chargement de l’import…" height={120} />}
          {current.error && <QueryErrorAlert error={current.error} onRetry={current.refetch} />}
          {job && (
            <>
              {isWorking(job.status) && (
                <div role="status">
                  <ProgressBar label={job.phaseLabel} ratio={job.progress} />
                </div>
              )}
              {!pending && <JobOutcome job={job} />}
              <DetectedFormat job={job} />
              <h3 className="fr-h6 fr-mb-1w">Lignes</h3>
              <Counters job={job} />
              {current.data && <ProblemsTable answer={current.data} />}
              <PreviewTable job={job} />
              {(job.status === 'awaiting_confirmation' || job.status === 'analysing') &&
                user &&
                !job.mode && (
                  <>
                    {(confirm.error || cancel.error) && (
                      <div role="alert">
                        <Alert
                          severity="error"
                          as="h3"
                          small
                          description={messageOf(confirm.error ?? cancel.error)}
                          className="fr-mb-2w"
                        />
                      </div>
                    )}
                    <ConfirmForm
                      job={job}
                      scope={user.scope ?? NATIONAL}
                      busy={confirm.isPending || cancel.isPending}
                      onConfirm={(choice) => confirm.mutate({ id: job.id, choice })}
                      onCancel={() => cancel.mutate(job.id)}
                    />
                  </>
                )}
              {!pending && (
                <Button priority="secondary" onClick={() => show(null)}>
                  Fermer cet import
                </Button>
              )}
            </>
          )}
        </section>
      )}

      {showDropZone && (
        <section aria-labelledby="import-new-title">
          <h2 id="import-new-title" className={job ? 'fr-mt-4w' : undefined}>
            {job ? 'Importer un autre fichier' : 'Déposer un fichier'}
          </h2>
          <DropZone
            maxMb={history.data?.maxMb}
            disabled={upload !== null}
            onFile={(file) => void send(file)}
          />
        </section>
      )}

      <h2 className="fr-mt-6w">Historique</h2>
      {history.isPending && <Loading label="Chargement de l’historique…" height={160} />}
      {history.error && <QueryErrorAlert error={history.error} onRetry={history.refetch} />}
      {history.data && <ImportHistory list={history.data} fetching={history.isFetching} />}
    </>
  );
}

export default ImportsPage;
