import type { SaveStatus as Status } from './useAutosave.ts';

const TEXT: Record<Exclude<Status, 'conflict'>, { label: string; icon: string }> = {
  saved: { label: 'Enregistré', icon: 'fr-icon-check-line' },
  saving: { label: 'Enregistrement…', icon: 'fr-icon-refresh-line' },
  dirty: { label: 'Modifications non enregistrées', icon: 'fr-icon-edit-line' },
  error: { label: 'Échec de l’enregistrement', icon: 'fr-icon-error-warning-line' },
  signin: { label: 'Session expirée : non enregistré', icon: 'fr-icon-lock-line' },
};

/** The autosave state next to the undo buttons, announced politely as it changes. */
export function SaveStatusText({ status, onRetry }: { status: Status; onRetry: () => void }) {
  const shown = TEXT[status === 'conflict' ? 'error' : status];
  return (
    <p
      className={`dashboard-save dashboard-save--${status} fr-text--sm fr-mb-0`}
      data-testid="save-status"
      data-status={status}
    >
      <span className={`${shown.icon} fr-icon--sm`} aria-hidden="true" />{' '}
      <span role="status">{status === 'conflict' ? 'Non enregistré : conflit' : shown.label}</span>
      {(status === 'error' || status === 'signin') && (
        <button
          type="button"
          className="fr-btn fr-btn--sm fr-btn--tertiary-no-outline fr-ml-1w"
          onClick={onRetry}
        >
          {status === 'signin' ? 'Se reconnecter' : 'Réessayer'}
        </button>
      )}
    </p>
  );
}
