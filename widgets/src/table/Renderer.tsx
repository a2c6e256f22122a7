import { type CSSProperties, type KeyboardEvent, useEffect, useMemo, useRef, useState } from 'react';
import { usePrinting } from '../react/usePrinting.ts';
import type { QuerySpec, SortSpec } from '../spec/types.ts';
import type { RendererProps, WidgetSelection } from '../widget/types.ts';
import { ColumnChooser } from './ColumnChooser.tsx';
import { nextSort, type TableCellView, type TableColumnView, tableColumns, toTableView } from './model.ts';
import { Pagination } from './Pagination.tsx';
import type { ResolvedTableOptions } from './spec.ts';

type Paging = Pick<QuerySpec, 'offset' | 'limit' | 'sort'>;

const stickyHeader: CSSProperties = {
  position: 'sticky',
  top: 0,
  zIndex: 1,
  background: 'var(--background-contrast-grey, #eee)',
};
const secondaryText: CSSProperties = {
  display: 'block',
  fontSize: '0.75rem',
  color: 'var(--text-mention-grey, #666)',
};
const VISUALLY_HIDDEN: CSSProperties = {
  position: 'absolute',
  width: 1,
  height: 1,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
};

function CellContent({ cell }: { cell: TableCellView }) {
  return (
    <>
      {cell.text}
      {cell.secondary && <span style={secondaryText}>{cell.secondary}</span>}
    </>
  );
}

const sameSelection = (a: WidgetSelection | null, b: WidgetSelection | null | undefined): boolean =>
  !!a && !!b && a.field === b.field && a.value === b.value;

function SortButton({ column, onSort }: { column: TableColumnView; onSort: (sort: SortSpec) => void }) {
  const next = nextSort(column);
  const arrow = column.sort === 'asc' ? '↑' : column.sort === 'desc' ? '↓' : '↕';
  return (
    <button
      type="button"
      className="fr-btn fr-btn--tertiary-no-outline fr-btn--sm dataetat-table__sort"
      style={{
        padding: '0 0.25rem',
        minHeight: 0,
        fontWeight: 700,
        textAlign: column.numeric ? 'right' : 'left',
      }}
      onClick={() => onSort(next)}
    >
      {column.label}
      <span aria-hidden="true" style={{ marginLeft: '0.25rem' }}>
        {arrow}
      </span>
      <span style={VISUALLY_HIDDEN}>
        {`, trier par ordre ${next.dir === 'asc' ? 'croissant' : 'décroissant'}`}
      </span>
    </button>
  );
}

/**
 * The `table` widget: one page of rows from the server; sorting, paging and page size are asked
 * to the provider through `onQueryChange`. Codes shown with their labels, French numbers,
 * totals row, sticky header, column chooser, rows selectable with the mouse or the keyboard.
 */
export default function TableRenderer({
  widget,
  result,
  onSelect,
  selection,
  onQueryChange,
  height,
  registerExportable,
}: RendererProps) {
  const options = widget.options as ResolvedTableOptions;
  const query = widget.query;
  // The provider may or may not echo our paging into `widget.query`: keep what we asked, and
  // forget it when the query itself (dataset, filters…) changes.
  const baseKey = JSON.stringify({ ...query, offset: null, limit: null, sort: null });
  const [asked, setAsked] = useState<{ base: string; paging: Paging }>({ base: baseKey, paging: {} });
  const paging = asked.base === baseKey ? asked.paging : {};
  const [hidden, setHidden] = useState<ReadonlySet<string>>(() => new Set(options.hiddenColumns));

  const offset = paging.offset ?? query?.offset ?? 0;
  const limit = paging.limit ?? query?.limit ?? options.pageSize;
  const sort = paging.sort ?? query?.sort;
  const view = useMemo(
    () =>
      result
        ? toTableView({ result, offset, limit, sort, hidden, codes: options.codes, totals: options.totals })
        : null,
    [result, offset, limit, sort, hidden, options.codes, options.totals],
  );
  // The picture shows the page on screen, with the columns shown.
  // On paper the column titles are text (a header repeated on the next page is then drawn whole).
  const printing = usePrinting();
  const viewRef = useRef(view);
  viewRef.current = view;
  useEffect(() => {
    if (!registerExportable) return;
    registerExportable({
      picture: async () => {
        if (!viewRef.current) throw new Error('Le tableau n’est pas encore affiché.');
        return (await import('./picture.ts')).tablePicture(viewRef.current);
      },
    });
    return () => registerExportable(null);
  }, [registerExportable]);
  if (!result || !view) return null;

  const ask = onQueryChange
    ? (patch: Paging) => {
        setAsked({ base: baseKey, paging: { ...paging, ...patch } });
        onQueryChange(patch);
      }
    : undefined;
  const toggleColumn = (id: string) => {
    const next = new Set(hidden);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setHidden(next);
  };
  const select = (value: WidgetSelection | null) => {
    if (value && onSelect) onSelect(value);
  };
  const onRowKey = (event: KeyboardEvent, value: WidgetSelection | null) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      select(value);
    }
  };

  return (
    // Chooser, rows and pager keep within `height`: the rows scroll in what the others leave.
    <div
      data-testid="table-widget"
      className="dataetat-table"
      style={{ display: 'flex', flexDirection: 'column', ...(height ? { maxHeight: height } : {}) }}
    >
      <div style={{ display: 'flex', flex: 'none', justifyContent: 'flex-end', marginBottom: '0.25rem' }}>
        <ColumnChooser
          columns={tableColumns(result).map((c) => ({ id: c.id, label: c.label }))}
          hidden={hidden}
          onToggle={toggleColumn}
        />
      </div>
      <div
        className="fr-table fr-table--sm fr-mb-0"
        style={{ paddingTop: 0, display: 'flex', flexDirection: 'column', flex: '0 1 auto', minHeight: 0 }}
      >
        <section
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable with the keyboard
          tabIndex={0}
          aria-label={`${widget.title} (tableau défilant)`}
          className="dataetat-table__scroller"
          style={{ overflow: 'auto', flex: '0 1 auto', minHeight: 0 }}
        >
          <table style={{ width: '100%', display: 'table' }}>
            <caption style={VISUALLY_HIDDEN}>{widget.title}</caption>
            <thead>
              <tr>
                {view.columns.map((column) => (
                  <th
                    key={column.id}
                    scope="col"
                    aria-sort={column.sort ? (column.sort === 'asc' ? 'ascending' : 'descending') : undefined}
                    style={{ ...stickyHeader, textAlign: column.numeric ? 'right' : 'left' }}
                  >
                    {ask && !printing ? (
                      <SortButton column={column} onSort={(s) => ask({ sort: [s], offset: 0 })} />
                    ) : (
                      column.label
                    )}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {view.rows.map((row) => {
                const selected = sameSelection(row.selection, selection);
                const interactive = !!onSelect && !!row.selection;
                return (
                  <tr
                    key={row.key}
                    tabIndex={interactive ? 0 : undefined}
                    aria-current={selected ? 'true' : undefined}
                    onClick={interactive ? () => select(row.selection) : undefined}
                    onKeyDown={interactive ? (event) => onRowKey(event, row.selection) : undefined}
                    style={{
                      cursor: interactive ? 'pointer' : undefined,
                      ...(selected && { background: 'var(--background-action-low-blue-france, #e3e3fd)' }),
                    }}
                  >
                    {row.cells.map((cell, i) => {
                      const column = view.columns[i];
                      const style: CSSProperties = column?.numeric
                        ? { textAlign: 'right', whiteSpace: 'nowrap' }
                        : {};
                      return i === 0 ? (
                        <th
                          key={column?.id}
                          scope="row"
                          style={{ textAlign: 'left', ...style, fontWeight: 400 }}
                        >
                          <CellContent cell={cell} />
                        </th>
                      ) : (
                        <td key={column?.id} style={style}>
                          <CellContent cell={cell} />
                        </td>
                      );
                    })}
                  </tr>
                );
              })}
            </tbody>
            {view.totals && (
              <tfoot>
                <tr style={{ fontWeight: 700 }} data-testid="table-totals">
                  {view.totals.map((cell, i) => {
                    const column = view.columns[i];
                    const style: CSSProperties = {
                      position: 'sticky',
                      bottom: 0,
                      background: 'var(--background-contrast-grey, #eee)',
                      ...(column?.numeric && { textAlign: 'right', whiteSpace: 'nowrap' }),
                    };
                    return i === 0 ? (
                      <th key={column?.id} scope="row" style={style}>
                        {cell.text}
                      </th>
                    ) : (
                      <td key={column?.id} style={style}>
                        {cell.text}
                      </td>
                    );
                  })}
                </tr>
              </tfoot>
            )}
          </table>
        </section>
      </div>
      <Pagination
        page={view.page}
        {...(ask && {
          onPage: (next: number) => ask({ offset: next, limit }),
          onPageSize: (size: number) => ask({ limit: size, offset: 0 }),
        })}
      />
    </div>
  );
}
