import { OTHERS_CODE, OTHERS_LABEL } from '../compiler/shape.ts';
import type { Category } from './result.ts';

export { OTHERS_CODE, OTHERS_LABEL };

export interface Slice extends Category {
  readonly value: number;
}

/**
 * Keeps the `max - 1` largest slices and folds the rest into one « Autres » slice (merged with
 * an « Autres » row the query's topN may already have). Non-positive or missing values cannot be
 * drawn as parts of a whole and are left out.
 */
export function foldSlices(
  items: readonly { category: Category; value: number | null }[],
  max: number,
): Slice[] {
  const positive = items
    .filter((item): item is { category: Category; value: number } => item.value !== null && item.value > 0)
    .map((item) => ({ ...item.category, value: item.value }));
  const others = positive.filter((s) => s.code === OTHERS_CODE);
  const ranked = positive.filter((s) => s.code !== OTHERS_CODE).sort((a, b) => b.value - a.value);
  const room = others.length > 0 || ranked.length > max ? max - 1 : max;
  const kept = ranked.slice(0, room);
  const folded = [...ranked.slice(room), ...others];
  if (folded.length === 0) return kept;
  return [
    ...kept,
    { code: OTHERS_CODE, label: OTHERS_LABEL, value: folded.reduce((sum, s) => sum + s.value, 0) },
  ];
}
