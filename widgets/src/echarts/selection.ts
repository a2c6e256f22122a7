import type { WidgetSelection } from '../widget/types.ts';
import { DIMMED_OPACITY } from './palette.ts';

/**
 * Whether a data point is the cross-filter selection: null when the selection is about another
 * field (or there is none), so nothing is dimmed.
 */
export function selectedState(
  selection: WidgetSelection | null | undefined,
  field: string,
  code: string | number | null,
): boolean | null {
  if (!selection || selection.field !== field) return null;
  return String(selection.value) === String(code);
}

/** A data point, dimmed when another value of its field is selected; plain when nothing is. */
export function emphasised(
  value: number | null,
  selected: boolean | null,
): number | null | { value: number | null; itemStyle: { opacity: number } } {
  return selected === null ? value : { value, itemStyle: { opacity: selected ? 1 : DIMMED_OPACITY } };
}
