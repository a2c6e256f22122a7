import { defineRendering } from '../widget/define.ts';

/** What drawing a `kpi` widget needs (see `WidgetRendering`): no options schema. */
export const kpiRendering = defineRendering({
  type: 'kpi',
  load: () => import('./Renderer.tsx'),
});
