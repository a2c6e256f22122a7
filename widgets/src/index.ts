/**
 * Public surface of @dataetat/widgets (explicit, tree-shakeable). It includes the pure option
 * builders and models of the types (`toBarOption`, `kpiModel`…): the server draws the SVG embed
 * with them, so a picture shows what the browser's widget shows.
 */

export * from './api/index.ts';
export { toAreaOption } from './area/toOption.ts';
export { toBarOption } from './bar/toOption.ts';
export type {
  Catalogue,
  CoordinateAxis,
  DatasetDefinition,
  DimensionDefinition,
  DimensionType,
  GeoLevel,
  MeasureAggregate,
  MeasureDefinition,
  ValueFormat,
} from './catalogue/types.ts';
export {
  type CompiledQuery,
  type CompileQueryOptions,
  compileQuery,
  type PlannedQuery,
  planQuery,
  renderQuery,
} from './compiler/compile.ts';
export type { Dialect } from './compiler/dialects/index.ts';
export type { SqlParam } from './compiler/nodes.ts';
export { type CompileOptions, planOnDataset, type QueryPlan } from './compiler/plan.ts';
export { foldForSearch, SEARCH_SEPARATOR, searchText } from './compiler/search-text.ts';
export {
  OTHERS_CODE,
  OTHERS_LABEL,
  type ResultLayout,
  SHAPE_STEP_ROWS,
  type ShapedResult,
  shapeResult,
  shapeSteps,
} from './compiler/shape.ts';
export * from './dashboard/index.ts';
export { DSFR_FONT, DSFR_GREY, DSFR_PALETTE } from './echarts/palette.ts';
export { isTimeDimension } from './echarts/result.ts';
export { formatDate, formatInteger, formatValue, formatYears } from './format/index.ts';
export { toGaugeOption } from './gauge/toOption.ts';
export { type KpiModel, kpiModel, toSparklineOption } from './kpi/toOption.ts';
export { toLineOption } from './line/toOption.ts';
export { toPieOption } from './pie/toOption.ts';
export { type PivotModel, type PivotNode, ROW_TOTAL_KEY, toPivotModel } from './pivot/model.ts';
export { pivotQuery } from './pivot/query.ts';
export { toSankeyOption } from './sankey/toOption.ts';
export {
  assertSpecWithinWidget,
  GRANT_DEFAULT_LIMIT,
  GrantScopeError,
  grantLimit,
  type WithinWidgetDataset,
} from './sharing/withinWidget.ts';
export { CatalogueError, SPEC_ERROR_MESSAGES, SpecError, type SpecErrorCode } from './spec/errors.ts';
export { type JsonBounds, type JsonFault, scanJsonText, scanJsonValue } from './spec/jsonScan.ts';
export { IdParam, Int32Id, SafeText, VersionNumber } from './spec/limitSchemas.ts';
export {
  ARRAY_LIMITS,
  INT32_MAX,
  JSON_LIMITS,
  OPTIONS_LIMITS,
  SAFE_TEXT_PATTERN,
  TEXT_LIMITS,
  textFault,
} from './spec/limits.ts';
export { FILTER_OPERATORS, filterSpecSchema, querySpecSchema, sortSpecSchema } from './spec/schema.ts';
export type {
  Cell,
  FilterOperator,
  FilterSpec,
  FilterValue,
  QuerySpec,
  SecurityContext,
  SortSpec,
} from './spec/types.ts';
export { validateSpecShape } from './spec/validate.ts';
export { type TableView, toTableView } from './table/model.ts';
export { resolveTableOptions } from './table/spec.ts';
export { markdownPlainLines, type PlainLine } from './text/plain.ts';
export { toTreemapOption } from './treemap/toOption.ts';
export {
  escapePointer,
  IDENTIFIER_PATTERN,
  type ValidationReason,
  validationReason,
} from './validation/reason.ts';
export { resolveWidgetOptions, shapeQuery, WIDGET_TYPES } from './widget/registry.ts';
export { isWidgetType } from './widget/renderings.ts';
export type { WidgetDefinition, WidgetType } from './widget/types.ts';
