import type { ValueFormat } from '../catalogue/types.ts';
import { formatValue } from '../format/index.ts';

/** How many values a screen-reader description spells out before summarising the rest. */
export const DESCRIBED_VALUES = 20;

/**
 * « Graphique en barres. Montant par région. Bretagne : 1 200 € ; Corse : 300 € ; et 3 autres
 * valeurs (voir les données). » — ECharts puts it in the container's aria-label.
 */
export function describeValues(
  kind: string,
  title: string,
  items: readonly { readonly label: string; readonly value: number | null }[],
  format: ValueFormat,
): string {
  const shown = items
    .slice(0, DESCRIBED_VALUES)
    .map((item) => `${item.label} : ${formatValue(item.value, format)}`)
    .join(' ; ');
  const rest = items.length - DESCRIBED_VALUES;
  const more =
    rest > 0
      ? ` ; et ${rest} autre${rest > 1 ? 's' : ''} valeur${rest > 1 ? 's' : ''} (voir les données)`
      : '';
  return `${kind}. ${title}.${shown ? ` ${shown}${more}.` : ' Aucune donnée.'}`;
}
