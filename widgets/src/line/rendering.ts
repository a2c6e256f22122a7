import { defineRendering } from '../widget/define.ts';

/** What drawing a `line` widget needs (see `WidgetRendering`): no options schema. */
export const lineRendering = defineRendering({
  type: 'line',
  load: () => import('./Renderer.tsx'),
});
