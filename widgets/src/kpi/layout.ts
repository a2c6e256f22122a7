/**
 * What a KPI shows in the room its frame gives it. The figure always; then, while they fit, the
 * comparison (what a KPI is for), the measure's name with its year, the exact value, the other
 * measures and the trend line. A line left out stays in the page for screen readers; the trend
 * line stays in the picture (PNG). Heights are the DSFR ones the renderer draws with.
 */
import type { KpiModel } from './toOption.ts';

/** A small text line (fr-text--sm, 24 px) and its 4 px margin. */
export const KPI_LINE_HEIGHT = 28;
/** The figure's line (2.5rem on 3rem). */
export const KPI_VALUE_HEIGHT = 48;
/** Padding of the KPI (none: the frame has its own). */
export const KPI_PADDING = 0;
/** The trend line is drawn between these heights, or not at all. */
export const SPARKLINE_MIN_HEIGHT = 32;
export const SPARKLINE_HEIGHT = 64;

export interface KpiLayout {
  /** The measure's name (and year): absent when it only repeats the title. */
  readonly label: 'shown' | 'hidden' | 'absent';
  readonly exact: 'shown' | 'hidden' | 'absent';
  readonly comparison: 'shown' | 'hidden' | 'absent';
  readonly others: 'shown' | 'hidden' | 'absent';
  /** Height of the trend line, 0 when it does not fit (or there is none). */
  readonly sparkline: number;
}

export function kpiLayout(model: KpiModel, title: string, height: number | undefined): KpiLayout {
  let room = height === undefined ? Number.POSITIVE_INFINITY : height - KPI_PADDING - KPI_VALUE_HEIGHT;
  const take = (present: boolean, needed: number): 'shown' | 'hidden' | 'absent' => {
    if (!present) return 'absent';
    if (needed > room) return 'hidden';
    room -= needed;
    return 'shown';
  };
  const label = model.period ? `${model.label} en ${model.period}` : model.label;
  const comparison = take(model.comparison !== null, KPI_LINE_HEIGHT);
  const labelShown = take(label !== title, KPI_LINE_HEIGHT);
  const exact = take(model.valueText !== model.exactText, KPI_LINE_HEIGHT);
  const others = take(model.others.length > 0, model.others.length * 24 + 4);
  const sparkline = model.trend && room >= SPARKLINE_MIN_HEIGHT ? Math.min(SPARKLINE_HEIGHT, room) : 0;
  return { label: labelShown, exact, comparison, others, sparkline };
}
