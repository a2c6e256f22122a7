import { defineRendering } from '../widget/define.ts';

/** What drawing a `text` widget needs (see `WidgetRendering`): no options schema. */
export const textRendering = defineRendering({
  type: 'text',
  load: () => import('./Renderer.tsx'),
});
