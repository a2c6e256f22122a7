// The UI side of the package imports everything from `@dataetat/widgets/react`: formatting
// helpers and the query/result types, without pulling the compiler into a browser bundle.
export type { DimensionType, GeoLevel, ValueFormat } from '../catalogue/types.ts';
export * from '../format/index.ts';
export type { Cell, FilterSpec, QueryResult, QuerySpec, ResultColumn, SortSpec } from '../spec/types.ts';
export type { BarChartElement, BarChartProps } from './BarChart.tsx';
export { BarChart } from './BarChart.tsx';
export type { BarChartOption, BarOptionInput, BarSeries } from './barOption.ts';
export { describeBars, toBarOption } from './barOption.ts';
export type { DataTableProps } from './DataTable.tsx';
export { DataTable } from './DataTable.tsx';
export { barFromResult, readableColumns, tableFromResult } from './fromResult.ts';
export { DSFR_GREY, DSFR_PALETTE } from './palette.ts';
export type { DataTableColumn, TableCell, TableModel, TableModelInput } from './tableModel.ts';
export { toTableModel } from './tableModel.ts';
