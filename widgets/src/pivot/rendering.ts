import { defineRendering } from '../widget/define.ts';
import { pivotQuery } from './query.ts';
import type { PivotOptions } from './spec.ts';

/** What drawing a `pivot` widget needs (see `WidgetRendering`): no options schema. */
export const pivotRendering = defineRendering<'pivot', PivotOptions>({
  type: 'pivot',
  query: pivotQuery,
  load: () => import('./Renderer.tsx'),
});
