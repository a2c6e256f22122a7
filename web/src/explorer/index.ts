/** The widget builder, shared by the explorer page and the dashboard editor. */
export { type ErrorTarget, type SpecProblem, specProblem } from './errorPath.ts';
export { type ReadyQuery, readyQuery } from './ready.ts';
export { emptyWidget } from './specState.ts';
export { decodeWidget, encodeWidget, searchWith, URL_PARAM } from './urlState.ts';
export { useWidgetPreview } from './useWidgetPreview.ts';
export { WidgetBuilder, type WidgetBuilderProps } from './WidgetBuilder.tsx';
