import { draftTime } from './draftStore.ts';

/** « Modifications non enregistrées retrouvées »: resume the draft kept by this browser, or not. */
export function DraftOffer({
  savedAt,
  onResume,
  onIgnore,
  children,
}: {
  savedAt: number;
  onResume: () => void;
  onIgnore: () => void;
  /** What the draft is about, and what resuming it does. */
  children?: React.ReactNode;
}) {
  return (
    <div className="fr-alert fr-alert--info fr-mb-3w" data-testid="draft-offer">
      <h2 className="fr-alert__title">Modifications non enregistrées retrouvées</h2>
      <p>Ce navigateur a gardé des modifications qui n’ont pas été enregistrées.</p>
      {children}
      <ul className="fr-btns-group fr-btns-group--inline-sm fr-mt-1w">
        <li>
          <button type="button" className="fr-btn fr-btn--sm" onClick={onResume}>
            {`Reprendre le brouillon du ${draftTime(savedAt)}`}
          </button>
        </li>
        <li>
          <button type="button" className="fr-btn fr-btn--sm fr-btn--secondary" onClick={onIgnore}>
            Ignorer
          </button>
        </li>
      </ul>
    </div>
  );
}
