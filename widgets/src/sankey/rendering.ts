import { defineRendering } from '../widget/define.ts';

/** What drawing a `sankey` widget needs (see `WidgetRendering`): no options schema. */
export const sankeyRendering = defineRendering({
  type: 'sankey',
  load: () => import('./Renderer.tsx'),
});
