import { defineRendering } from '../widget/define.ts';

/** What drawing a `area` widget needs (see `WidgetRendering`): no options schema. */
export const areaRendering = defineRendering({
  type: 'area',
  load: () => import('./Renderer.tsx'),
});
