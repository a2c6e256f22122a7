import { defineRendering } from '../widget/define.ts';
import type { BarOptions } from './spec.ts';

/** What drawing a `bar` widget needs (see `WidgetRendering`): no options schema. */
export const barRendering = defineRendering<'bar', BarOptions>({
  type: 'bar',
  // One dimension: the grand total tells whether the bars beyond the first ones add up to an
  // « Autres » bar (see topWithOthers).
  query: (query) => ((query.dimensions ?? []).length === 1 ? { ...query, totals: true } : query),
  load: () => import('./Renderer.tsx'),
});
