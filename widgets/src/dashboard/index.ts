/** Dashboards: definition types, schema, migrations, validation and global filters (pure). */
export * from './api.ts';
export { DashboardError, type DashboardIssue, type DashboardIssueCode } from './errors.ts';
export {
  type AppliedDashboardFilters,
  applyDashboardFilters,
  defaultFilterValues,
  isEmptyFilterValue,
  type YearsOutOfCoverage,
} from './filters.ts';
export { migrateDashboard, OLDEST_SCHEMA_VERSION } from './migrate.ts';
export { dashboardDefinitionSchema } from './schema.ts';
export {
  DASHBOARD_FILTER_KINDS,
  DASHBOARD_SCHEMA_VERSION,
  type DashboardDatasetInfo,
  type DashboardDefinition,
  type DashboardFilter,
  type DashboardFilterKind,
  type DashboardFilterValue,
  type DashboardLayoutItem,
  GRID_COLUMNS,
  MAP_LEVELS,
  type MapLevel,
  TERRITOIRE_LEVELS,
  type TerritoireLevel,
  type TerritoireValue,
} from './types.ts';
export {
  assertValidDashboard,
  type DashboardValidation,
  type ValidateDashboardOptions,
  validateDashboard,
} from './validate.ts';
