import { useId } from 'react';
import { percent } from './jobView.ts';

/** A labelled native progress bar (read out by screen readers) with its percentage written. */
export function ProgressBar({ label, ratio }: { readonly label: string; readonly ratio: number | null }) {
  const id = useId();
  return (
    <div className="fr-mb-3w" data-testid="import-progress">
      <label htmlFor={id} className="fr-label fr-mb-1w">
        {label}
        {ratio !== null && ` — ${percent(ratio)}`}
      </label>
      {/* Without a value the bar says « busy » (indeterminate) rather than a false 0 %. */}
      <progress id={id} className="dataetat-progress" max={1} value={ratio ?? undefined} />
    </div>
  );
}
