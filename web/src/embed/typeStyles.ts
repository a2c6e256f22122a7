/**
 * Style sheets some widget types need beyond every embed's (styles.ts), loaded once per page when
 * an embed's resource holds such a type: the request leaves as the resource arrives, with the
 * type's renderer and before its data, so its controls are styled when they appear.
 */
import type { WidgetType } from '@dataetat/widgets/react';

const WITH_CONTROLS: ReadonlySet<WidgetType> = new Set(['table', 'map']);

let requested = false;

export function adoptTypeStyles(types: readonly WidgetType[]): void {
  if (requested || !types.some((type) => WITH_CONTROLS.has(type))) return;
  requested = true;
  // A failed download leaves the controls with the browser's look; the next resource tries again.
  import('./controlStyles.ts').catch(() => {
    requested = false;
  });
}
