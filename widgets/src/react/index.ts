// The UI side of the package imports everything from `@dataetat/widgets/react`: formatting
// helpers and the query/result types, without pulling the compiler into a browser bundle.
export type { DimensionType, GeoLevel, ValueFormat } from '../catalogue/types.ts';
export * from '../format/index.ts';
export type { BoundaryLevel, GeoSource } from '../map/geoSource.ts';
export type { MapOptions } from '../map/spec.ts';
export type { PivotColumn, PivotModel, PivotNode, VisibleRow } from '../pivot/model.ts';
export { toPivotModel, visibleRows } from '../pivot/model.ts';
export { PIVOT_ROW_LIMIT, pivotColumns, pivotQuery } from '../pivot/query.ts';
export type { PivotOptions } from '../pivot/spec.ts';
export type { Cell, FilterSpec, QueryResult, QuerySpec, ResultColumn, SortSpec } from '../spec/types.ts';
export type { TableView } from '../table/model.ts';
export { toTableView } from '../table/model.ts';
export { tableQuery } from '../table/query.ts';
export type { CodeDisplay, TableOptions } from '../table/spec.ts';
export {
  defineRendering,
  defineWidget,
  type WidgetRendering,
  type WidgetTypeDefinition,
} from '../widget/define.ts';
export { WidgetFrame, type WidgetFrameProps, type WidgetStatus } from '../widget/Frame.tsx';
export {
  checkOptions,
  choicesOf,
  defaultOptions,
  OPTION_REF,
  type OptionProblem,
  type OptionRef,
  type QueryFields,
  type ResolvedOptions,
  refOf,
  resolveOptions,
} from '../widget/options.ts';
export type { PictureColour, PictureShape, TypePicture } from '../widget/picture.ts';
export {
  fittingWidgetTypes,
  resolveWidgetOptions,
  shapeOfResult,
  shapeQuery,
  suggestWidgetType,
  WIDGET_DEFINITIONS,
  WIDGET_TYPE_INFO,
  WIDGET_TYPES,
} from '../widget/registry.ts';
export { isWidgetType, shapeResolvedQuery } from '../widget/renderings.ts';
export { TypePictureSvg, type TypePictureSvgProps } from '../widget/TypePictureSvg.tsx';
export type {
  ExportableVisual,
  QueryShape,
  RendererProps,
  WidgetDefinition,
  WidgetSelection,
  WidgetType,
} from '../widget/types.ts';
export { preloadRenderer, WidgetRenderer } from '../widget/WidgetRenderer.tsx';
export type { DataTableProps } from './DataTable.tsx';
export { DataTable } from './DataTable.tsx';
export { readableColumns, tableFromResult } from './fromResult.ts';
export {
  ApiError,
  createWidgetHost,
  readApiResponse,
  UNREACHABLE_MESSAGE,
  type WidgetHost,
  type WidgetHostConfig,
} from './host.ts';
export { DSFR_GREY, DSFR_PALETTE } from './palette.ts';
export { type Preloadable, preloadable } from './preloadable.tsx';
export { type CrossSelection, type ScopedQuery, scopedQuery, type WidgetScope } from './scope.ts';
export type { DataTableColumn, TableCell, TableModel, TableModelInput } from './tableModel.ts';
export { toTableModel } from './tableModel.ts';
export {
  useWidgetData,
  type WidgetData,
  type WidgetFrameData,
  widgetErrorMessage,
} from './useWidgetData.ts';
export { useWidgetHost, WidgetHostProvider } from './WidgetHostProvider.tsx';
