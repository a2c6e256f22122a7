import { defineRendering } from '../widget/define.ts';

/** What drawing a `gauge` widget needs (see `WidgetRendering`): no options schema. */
export const gaugeRendering = defineRendering({
  type: 'gauge',
  load: () => import('./Renderer.tsx'),
});
