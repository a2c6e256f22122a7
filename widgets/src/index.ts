/** Public surface of @dataetat/widgets (explicit, tree-shakeable). */

export * from './api/index.ts';
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
export {
  assertSpecWithinWidget,
  GRANT_DEFAULT_LIMIT,
  GrantScopeError,
  grantLimit,
  type WithinWidgetDataset,
} from './sharing/withinWidget.ts';
export { CatalogueError, SPEC_ERROR_MESSAGES, SpecError, type SpecErrorCode } from './spec/errors.ts';
export { type JsonBounds, type JsonFault, scanJsonText, scanJsonValue } from './spec/jsonScan.ts';
export {
  ARRAY_LIMITS,
  IdParam,
  INT32_MAX,
  Int32Id,
  JSON_LIMITS,
  OPTIONS_LIMITS,
  SAFE_TEXT_PATTERN,
  SafeText,
  TEXT_LIMITS,
  textFault,
  VersionNumber,
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
export {
  escapePointer,
  IDENTIFIER_PATTERN,
  type ValidationReason,
  validationReason,
} from './validation/reason.ts';
