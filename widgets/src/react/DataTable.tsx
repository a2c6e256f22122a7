import type { CSSProperties, ReactNode } from 'react';
import { type TableCell, type TableModelInput, toTableModel } from './tableModel.ts';

export interface DataTableProps extends TableModelInput {
  /** Table title, required for accessibility (RGAA 5.4). */
  readonly caption: ReactNode;
  /** Hides the caption visually (still read by screen readers). Default false. */
  readonly captionHidden?: boolean;
  /** Class of the wrapping element (`fr-table` with the DSFR). */
  readonly className?: string;
}

const VISUALLY_HIDDEN: CSSProperties = {
  position: 'absolute',
  width: 1,
  height: 1,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
};

const align = (cell: TableCell): CSSProperties | undefined =>
  cell.numeric ? { textAlign: 'right', whiteSpace: 'nowrap' } : undefined;

/**
 * An accessible HTML table: caption, column headers (`scope="col"`), the first cell of each row
 * as its header (`scope="row"`), French-formatted numbers right-aligned, totals in `<tfoot>`.
 */
export function DataTable(props: DataTableProps) {
  const model = toTableModel(props);
  return (
    <div className={props.className} data-testid="data-table">
      <table>
        <caption style={props.captionHidden ? VISUALLY_HIDDEN : undefined}>{props.caption}</caption>
        <thead>
          <tr>
            {model.headers.map((cell, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: columns are positional
              <th key={i} scope="col" style={align(cell)}>
                {cell.text}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {model.body.map((row, r) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows have no stable id
            <tr key={r}>{row.map(renderCell)}</tr>
          ))}
        </tbody>
        {model.totals && (
          <tfoot>
            <tr style={{ fontWeight: 700 }}>{model.totals.map(renderCell)}</tr>
          </tfoot>
        )}
      </table>
    </div>
  );
}

function renderCell(cell: TableCell, i: number) {
  return i === 0 ? (
    <th key={i} scope="row" style={align(cell)}>
      {cell.text}
    </th>
  ) : (
    <td key={i} style={align(cell)}>
      {cell.text}
    </td>
  );
}
