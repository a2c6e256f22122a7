/** Small pieces the three tabs of the « Partager » dialog share. */
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { useEffect, useId, useRef, useState } from 'react';
import { ApiError } from '../api/client.ts';
import type { GrantStatus } from '../api/sharingTypes.ts';

export const errorText = (error: unknown) =>
  error instanceof ApiError
    ? error.message
    : 'Une erreur inattendue est survenue. Réessayez dans un instant.';

const STATUS: Record<GrantStatus, { text: string; severity: 'success' | 'warning' | 'error' }> = {
  active: { text: 'Actif', severity: 'success' },
  expired: { text: 'Expiré', severity: 'warning' },
  revoked: { text: 'Révoqué', severity: 'error' },
};

export function GrantStatusBadge({ status }: { status: GrantStatus }) {
  const { text, severity } = STATUS[status];
  return (
    <Badge as="span" small severity={severity} noIcon>
      {text}
    </Badge>
  );
}

/** Copies with the Clipboard API, or by selecting the field's text where it is refused. */
async function copy(text: string, field: HTMLInputElement | HTMLTextAreaElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    field?.select();
    return document.execCommand?.('copy') ?? false;
  }
}

/** A read-only field with a « Copier » button; the result is announced. */
export function CopyField({
  label,
  value,
  multiline = false,
  hint,
}: {
  label: string;
  value: string;
  multiline?: boolean;
  hint?: string;
}) {
  const id = useId();
  const field = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const [said, setSaid] = useState('');
  return (
    <div className="fr-input-group share-copy">
      <label className="fr-label" htmlFor={id}>
        {label}
        {hint && <span className="fr-hint-text">{hint}</span>}
      </label>
      <div className="share-copy__row">
        {multiline ? (
          <textarea
            id={id}
            ref={field}
            className="fr-input share-copy__code"
            readOnly
            rows={Math.min(4, value.split('\n').length + 1)}
            value={value}
            onFocus={(e) => e.currentTarget.select()}
          />
        ) : (
          <input
            id={id}
            ref={field}
            className="fr-input share-copy__code"
            readOnly
            value={value}
            onFocus={(e) => e.currentTarget.select()}
          />
        )}
        <button
          type="button"
          className="fr-btn fr-btn--secondary fr-btn--sm fr-icon-clipboard-line fr-btn--icon-left"
          onClick={async () =>
            setSaid(
              (await copy(value, field.current))
                ? 'Copié dans le presse-papiers.'
                : 'La copie a été refusée : sélectionnez le texte et copiez-le (Ctrl+C).',
            )
          }
        >
          Copier<span className="fr-sr-only"> : {label}</span>
        </button>
      </div>
      <p className="fr-text--xs fr-mb-0 share-copy__said" aria-live="polite">
        {said}
      </p>
    </div>
  );
}

/** « Révoquer », then an inline confirmation (a dialog inside the dialog would lose focus). */
export function RevokeButton({
  what,
  pending,
  onConfirm,
}: {
  /** « le lien « Préfecture » » — read in the confirmation. */
  what: string;
  pending: boolean;
  onConfirm: () => void;
}) {
  const [asking, setAsking] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const askRef = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);
  useEffect(() => {
    if (asking) confirmRef.current?.focus();
    else if (wasAsking.current) askRef.current?.focus();
    wasAsking.current = asking;
  }, [asking]);
  if (!asking)
    return (
      <button
        ref={askRef}
        type="button"
        className="fr-btn fr-btn--sm fr-btn--tertiary fr-icon-close-circle-line fr-btn--icon-left"
        onClick={() => setAsking(true)}
      >
        Révoquer<span className="fr-sr-only"> {what}</span>
      </button>
    );
  return (
    <div className="share-confirm">
      <span className="fr-text--sm fr-mb-0">Révoquer {what} ? L’accès cesse aussitôt.</span>
      <button
        ref={confirmRef}
        type="button"
        className="fr-btn fr-btn--sm"
        disabled={pending}
        onClick={() => {
          onConfirm();
          setAsking(false);
        }}
      >
        Confirmer la révocation
      </button>
      <button type="button" className="fr-btn fr-btn--sm fr-btn--secondary" onClick={() => setAsking(false)}>
        Annuler
      </button>
    </div>
  );
}

/** A date field (jj/mm/aaaa in French browsers) as the end of that day, or nothing. */
export function expiryOf(date: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return undefined;
  const end = new Date(`${date}T23:59:59`);
  return Number.isNaN(end.getTime()) ? undefined : end.toISOString();
}

const isoDay = (date: Date) => {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
};

/** Today as `aaaa-mm-jj` (the date field's minimum). */
export const today = (): string => isoDay(new Date());

/** The last day an expiry may be set to: the server refuses more than a year ahead. */
export const lastExpiryDay = (): string => isoDay(new Date(Date.now() + 364 * 86_400_000));
