import { defineRendering } from '../widget/define.ts';

/** What drawing a `pie` widget needs (see `WidgetRendering`): no options schema. */
export const pieRendering = defineRendering({
  type: 'pie',
  load: () => import('./Renderer.tsx'),
});
