import { useVirtualizer } from '@tanstack/react-virtual';
import { type CSSProperties, useEffect, useMemo, useRef, useState } from 'react';
import { formatInteger, formatValue } from '../format/index.ts';
import { usePrinting } from '../react/usePrinting.ts';
import type { RendererProps } from '../widget/types.ts';
import { heatColour, PIVOT_ROW_HEIGHT, spacerHeights, textOn } from './layout.ts';
import {
  initiallyCollapsed,
  type MeasureValues,
  type PivotModel,
  ROW_TOTAL_KEY,
  toPivotModel,
  visibleRows,
} from './model.ts';
import { PIVOT_PRINT_MAX_ROWS, pivotPrintEms } from './print.ts';
import { pivotColumns } from './query.ts';
import type { PivotOptions } from './spec.ts';

const HEADER_BG = 'var(--background-contrast-grey, #eee)';
const GROUP_BG = 'var(--background-alt-blue-france, #f5f5fe)';
const ROW_BG = 'var(--background-default-grey, #fff)';
const cellBase: CSSProperties = {
  height: PIVOT_ROW_HEIGHT,
  padding: '0 0.75rem',
  whiteSpace: 'nowrap',
  borderBottom: '1px solid var(--border-default-grey, #ddd)',
};
const numberCell: CSSProperties = { ...cellBase, textAlign: 'right', fontVariantNumeric: 'tabular-nums' };
const stickyTop = (top: number): CSSProperties => ({
  position: 'sticky',
  top,
  zIndex: 2,
  background: HEADER_BG,
});
const stickyLeft: CSSProperties = { position: 'sticky', left: 0, zIndex: 1 };
const VISUALLY_HIDDEN: CSSProperties = {
  position: 'absolute',
  width: 1,
  height: 1,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
};

function Values({
  model,
  cells,
  bold,
  heat,
}: {
  model: PivotModel;
  cells: ReadonlyMap<string, MeasureValues> | null;
  bold: boolean;
  heat: boolean;
}) {
  return model.columns.flatMap((column) =>
    model.measures.map((measure, m) => {
      const value = cells?.get(column.key)?.[m] ?? null;
      const total = column.key === ROW_TOTAL_KEY;
      // The « Total » column is a sum of the others: bold, never on the detail colour scale.
      const background = heat && !total ? heatColour(value, model.ranges[m]) : undefined;
      return (
        <td
          key={`${column.key}|${measure.id}`}
          style={{
            ...numberCell,
            ...((bold || total) && { fontWeight: 700 }),
            ...(background && { background, color: textOn(background) }),
          }}
        >
          {formatValue(value, measure.format)}
        </td>
      );
    }),
  );
}

/**
 * The `pivot` widget: row groups × column values × measures. Every total is the engine's (see
 * `pivotQuery`); row groups fold and unfold; the body is virtualised (only the rows on screen
 * exist in the DOM, so 10 000 rows scroll smoothly); header and first column stay in view.
 */
export default function PivotRenderer({ widget, result, height, registerExportable }: RendererProps) {
  // Without `expandDepth`, every level is open.
  const options = widget.options as PivotOptions;
  const { heat = false, expandDepth = Number.POSITIVE_INFINITY } = options;
  const columns = pivotColumns(widget.query?.dimensions ?? [], options);
  // Options objects are rebuilt on every render: depend on the column list's value.
  const columnsKey = columns.join('|');
  const model = useMemo(
    () => (result ? toPivotModel(result, { columns: columnsKey ? columnsKey.split('|') : [] }) : null),
    [result, columnsKey],
  );
  const [collapsed, setCollapsed] = useState<ReadonlySet<string> | null>(null);
  const shownCollapsed = useMemo(
    () => collapsed ?? (model ? initiallyCollapsed(model.roots, expandDepth) : new Set<string>()),
    [collapsed, model, expandDepth],
  );
  const rows = useMemo(
    () => (model ? visibleRows(model.roots, shownCollapsed) : []),
    [model, shownCollapsed],
  );
  // The picture shows the rows as unfolded on screen.
  const shownRef = useRef({ model, rows });
  shownRef.current = { model, rows };
  useEffect(() => {
    if (!registerExportable) return;
    registerExportable({
      picture: async () => {
        const shown = shownRef.current;
        if (!shown.model) throw new Error('Le tableau croisé n’est pas encore affiché.');
        return (await import('./picture.ts')).pivotPicture(shown.model, shown.rows);
      },
    });
    return () => registerExportable(null);
  }, [registerExportable]);
  const printing = usePrinting();
  const printEms = useMemo(() => (model ? pivotPrintEms(model, rows) : 0), [model, rows]);
  const scroller = useRef<HTMLElement>(null);
  // The whole visual (notices, table, grand total) keeps within `height`: the table's scroller
  // takes what the lines around it leave.
  const viewport = height ?? 480;
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => PIVOT_ROW_HEIGHT,
    overscan: 12,
    initialRect: { width: 1000, height: viewport },
  });
  if (!model) return null;

  const toggle = (id: string) => {
    const next = new Set(shownCollapsed);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setCollapsed(next);
  };
  // Paper does not scroll: every unfolded row is printed (up to a bound), without spacers.
  const items = printing
    ? rows.slice(0, PIVOT_PRINT_MAX_ROWS).map((_, index) => ({ index }))
    : virtualizer.getVirtualItems();
  const spacers = printing
    ? { top: 0, bottom: 0 }
    : spacerHeights(virtualizer.getVirtualItems(), virtualizer.getTotalSize());
  const span = model.columns.length * model.measures.length + 1;
  const hasColumnDims = model.columnDimensions.length > 0;
  const twoHeaderRows = hasColumnDims && model.measures.length > 1;
  const headerRows = twoHeaderRows ? 2 : 1;
  const cornerLabel = model.rowDimensions.map((d) => d.label).join(' › ');

  return (
    <div
      data-testid="pivot-widget"
      className="dataetat-pivot"
      style={
        {
          '--pivot-print-ems': printEms,
          display: 'flex',
          flexDirection: 'column',
          maxHeight: viewport,
        } as CSSProperties
      }
    >
      {model.truncated && (
        <p className="fr-text--sm fr-mb-1" role="status">
          Tableau incomplet : trop de cellules pour un seul affichage. Ajoutez des filtres.
        </p>
      )}
      <section
        ref={scroller}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable with the keyboard
        tabIndex={0}
        aria-label={`${widget.title} (tableau croisé défilant)`}
        data-testid="pivot-scroller"
        className="dataetat-pivot__scroller"
        style={{
          flex: '0 1 auto',
          minHeight: 0,
          overflow: 'auto',
          position: 'relative',
          border: '1px solid var(--border-default-grey, #ddd)',
        }}
      >
        <table
          className="dataetat-pivot__table"
          style={{ borderCollapse: 'separate', borderSpacing: 0, minWidth: '100%', fontSize: '0.875rem' }}
          aria-rowcount={rows.length + headerRows + (model.totals ? 1 : 0)}
        >
          <caption style={VISUALLY_HIDDEN}>{widget.title}</caption>
          <thead>
            <tr aria-rowindex={1}>
              <th
                scope="col"
                rowSpan={twoHeaderRows ? 2 : 1}
                style={{ ...cellBase, ...stickyTop(0), left: 0, zIndex: 3, textAlign: 'left' }}
              >
                {cornerLabel}
                {hasColumnDims && model.measures.length === 1 && (
                  <span style={{ display: 'block', fontWeight: 400, fontSize: '0.75rem' }}>
                    {model.measures[0]?.label}
                  </span>
                )}
              </th>
              {hasColumnDims
                ? model.columns.map((column) => (
                    <th
                      key={column.key}
                      scope="colgroup"
                      colSpan={model.measures.length}
                      style={{ ...cellBase, ...stickyTop(0), textAlign: 'right' }}
                    >
                      {column.labels.join(' · ')}
                    </th>
                  ))
                : model.measures.map((measure) => (
                    <th
                      key={measure.id}
                      scope="col"
                      style={{ ...cellBase, ...stickyTop(0), textAlign: 'right' }}
                    >
                      {measure.label}
                    </th>
                  ))}
            </tr>
            {twoHeaderRows && (
              <tr aria-rowindex={2}>
                {model.columns.flatMap((column) =>
                  model.measures.map((measure) => (
                    <th
                      key={`${column.key}|${measure.id}`}
                      scope="col"
                      style={{
                        ...cellBase,
                        ...stickyTop(PIVOT_ROW_HEIGHT),
                        textAlign: 'right',
                        fontWeight: 400,
                      }}
                    >
                      {measure.label}
                    </th>
                  )),
                )}
              </tr>
            )}
          </thead>
          <tbody>
            {spacers.top > 0 && (
              <tr>
                <td colSpan={span} style={{ height: spacers.top, padding: 0, border: 0 }} />
              </tr>
            )}
            {items.map((item) => {
              const row = rows[item.index];
              if (!row) return null;
              const { node } = row;
              const group = row.expandable;
              const background = group ? GROUP_BG : ROW_BG;
              return (
                <tr
                  key={node.id}
                  data-index={item.index}
                  data-kind={group ? 'subtotal' : 'detail'}
                  aria-rowindex={item.index + headerRows + 1}
                  data-depth={node.depth}
                  style={{ background, ...(group && { fontWeight: 700 }) }}
                >
                  <th
                    scope="row"
                    style={{
                      ...cellBase,
                      ...stickyLeft,
                      background,
                      textAlign: 'left',
                      fontWeight: group ? 700 : 400,
                      paddingLeft: `${0.75 + (node.depth - 1) * 1.25}rem`,
                      maxWidth: '24rem',
                      overflow: 'hidden',
                      textOverflow: 'ellipsis',
                    }}
                    title={node.secondary ? `${node.label} (${node.secondary})` : node.label}
                  >
                    {group ? (
                      <button
                        type="button"
                        className="dataetat-pivot__toggle"
                        aria-expanded={row.expanded}
                        onClick={() => toggle(node.id)}
                        style={{
                          font: 'inherit',
                          background: 'none',
                          border: 0,
                          padding: 0,
                          cursor: 'pointer',
                        }}
                      >
                        <span aria-hidden="true" style={{ display: 'inline-block', width: '1.25rem' }}>
                          {row.expanded ? '▾' : '▸'}
                        </span>
                        {node.label}
                        <span style={VISUALLY_HIDDEN}>{row.expanded ? ' (replier)' : ' (déplier)'}</span>
                      </button>
                    ) : (
                      node.label
                    )}
                    {node.secondary && (
                      <span
                        className="dataetat-pivot__code"
                        style={{ marginLeft: '0.5rem', fontWeight: 400, fontSize: '0.75rem', color: '#666' }}
                      >
                        {node.secondary}
                      </span>
                    )}
                  </th>
                  <Values model={model} cells={node.cells} bold={group} heat={heat && !group} />
                </tr>
              );
            })}
            {spacers.bottom > 0 && (
              <tr>
                <td colSpan={span} style={{ height: spacers.bottom, padding: 0, border: 0 }} />
              </tr>
            )}
          </tbody>
          {model.totals && (
            <tfoot>
              <tr data-kind="total" aria-rowindex={rows.length + headerRows + 1} style={{ fontWeight: 700 }}>
                <th
                  scope="row"
                  style={{
                    ...cellBase,
                    ...stickyLeft,
                    position: 'sticky',
                    bottom: 0,
                    zIndex: 3,
                    background: HEADER_BG,
                    textAlign: 'left',
                  }}
                >
                  Total
                </th>
                {model.columns.flatMap((column) =>
                  model.measures.map((measure, m) => (
                    <td
                      key={`${column.key}|${measure.id}`}
                      style={{ ...numberCell, position: 'sticky', bottom: 0, background: HEADER_BG }}
                    >
                      {formatValue(model.totals?.get(column.key)?.[m] ?? null, measure.format)}
                    </td>
                  )),
                )}
              </tr>
            </tfoot>
          )}
        </table>
      </section>
      {printing && rows.length > PIVOT_PRINT_MAX_ROWS && (
        <p className="fr-text--sm fr-mt-1 fr-mb-0">
          Lignes 1 à {formatInteger(PIVOT_PRINT_MAX_ROWS)} sur {formatInteger(rows.length)} à l’impression :
          téléchargez les données (XLSX) pour toutes les lire.
        </p>
      )}
      {hasColumnDims && model.grandTotal && !model.totals?.has(ROW_TOTAL_KEY) && (
        <p className="fr-text--sm fr-mt-1 fr-mb-0" data-testid="pivot-grand-total">
          Total général :{' '}
          {model.measures
            .map((m, i) => `${m.label} ${formatValue(model.grandTotal?.[i] ?? null, m.format)}`)
            .join(' ; ')}
        </p>
      )}
    </div>
  );
}
