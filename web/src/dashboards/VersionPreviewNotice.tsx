import type { ReactNode } from 'react';

/** The DSFR notice above a dashboard shown at an earlier version (viewer and editor). */
export function VersionPreviewNotice({ children }: { readonly children: ReactNode }) {
  return (
    <div className="fr-notice fr-notice--info fr-mb-2w" data-testid="version-preview">
      <div className="fr-container">
        <div className="fr-notice__body">
          <p className="fr-notice__title">{children}</p>
        </div>
      </div>
    </div>
  );
}
