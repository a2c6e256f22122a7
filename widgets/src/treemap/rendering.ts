import { defineRendering } from '../widget/define.ts';

/** What drawing a `treemap` widget needs (see `WidgetRendering`): no options schema. */
export const treemapRendering = defineRendering({
  type: 'treemap',
  load: () => import('./Renderer.tsx'),
});
