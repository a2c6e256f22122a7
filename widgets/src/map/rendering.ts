import { defineRendering } from '../widget/define.ts';

/** What drawing a `map` widget needs (see `WidgetRendering`): no options schema. */
export const mapRendering = defineRendering({
  type: 'map',
  load: () => import('./Renderer.tsx'),
});
