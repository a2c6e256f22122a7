import { useEffect, useRef } from 'react';

export interface UndoNoticeProps {
  readonly message: string;
  readonly onUndo: () => void;
  readonly onClose: () => void;
  /** The undo is offered this long, then the notice goes away by itself. */
  readonly timeoutMs?: number;
}

/**
 * « Tableau de bord placé dans la corbeille. Annuler » — a DSFR alert pinned at the bottom of the
 * screen (the DSFR has no toast), announced politely, with the undo button reachable at once.
 */
export function UndoNotice({ message, onUndo, onClose, timeoutMs = 15_000 }: UndoNoticeProps) {
  const closeRef = useRef(onClose);
  closeRef.current = onClose;
  useEffect(() => {
    const timer = window.setTimeout(() => closeRef.current(), timeoutMs);
    return () => window.clearTimeout(timer);
  }, [timeoutMs]);
  return (
    <div
      className="dashboard-toast fr-alert fr-alert--info fr-alert--sm"
      role="status"
      data-testid="undo-notice"
    >
      <p>
        {message}{' '}
        <button type="button" className="fr-btn fr-btn--sm fr-btn--secondary fr-ml-1w" onClick={onUndo}>
          Annuler
        </button>
      </p>
      <button type="button" className="fr-btn--close fr-btn" title="Masquer le message" onClick={onClose}>
        Masquer le message
      </button>
    </div>
  );
}
