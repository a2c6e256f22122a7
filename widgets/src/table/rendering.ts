import { defineRendering } from '../widget/define.ts';
import { tableQuery } from './query.ts';
import type { ResolvedTableOptions } from './spec.ts';

/** What drawing a `table` widget needs (see `WidgetRendering`): no options schema. */
export const tableRendering = defineRendering<'table', ResolvedTableOptions>({
  type: 'table',
  query: tableQuery,
  load: () => import('./Renderer.tsx'),
});
