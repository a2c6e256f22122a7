import { Button } from '@codegouvfr/react-dsfr/Button';
import { ApiError } from '../api/client.ts';

/** A failed page-level request: the server's French message and a way to try again. */
export function QueryErrorAlert({ error, onRetry }: { error: Error; onRetry: () => unknown }) {
  const message = error instanceof ApiError ? error.message : 'Une erreur inattendue est survenue.';
  return (
    <div className="fr-alert fr-alert--error fr-mb-4w" role="alert">
      <h2 className="fr-alert__title">Le chargement a échoué</h2>
      <p>{message}</p>
      <Button size="small" priority="secondary" className="fr-mt-1w" onClick={() => onRetry()}>
        Réessayer
      </Button>
    </div>
  );
}
