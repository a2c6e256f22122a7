import type { ReactNode } from 'react';

/**
 * A DSFR table (legacy markup: the table itself scrolls sideways on a narrow screen). Focusable,
 * so the keyboard scrolls it too (WCAG 2.1.1, axe `scrollable-region-focusable`); its caption
 * names it.
 */
export function ScrollTable({
  caption,
  className = 'fr-mb-3w',
  testId,
  busy,
  children,
}: {
  readonly caption: ReactNode;
  readonly className?: string;
  readonly testId: string;
  readonly busy?: boolean;
  /** `<thead>` and `<tbody>`. */
  readonly children: ReactNode;
}) {
  return (
    <div className={`fr-table ${className}`} data-testid={testId} aria-busy={busy}>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling table must be reachable */}
      <table tabIndex={0}>
        <caption>{caption}</caption>
        {children}
      </table>
    </div>
  );
}
