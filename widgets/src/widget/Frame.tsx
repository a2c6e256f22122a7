import {
  type CSSProperties,
  type ReactNode,
  type RefObject,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { formatDate, formatInteger } from '../format/index.ts';
import { type FilterLabels, NO_FILTER_LABELS } from '../picture/labels.ts';
import { DataTable } from '../react/DataTable.tsx';
import { tableFromResult } from '../react/fromResult.ts';
import type { QueryResult, QuerySpec } from '../spec/types.ts';
import { ExportMenu } from './ExportMenu.tsx';
import { RenderBoundary } from './RenderBoundary.tsx';
import type {
  ExportableVisual,
  RendererProps,
  WidgetDefinition,
  WidgetSelection,
  WidgetType,
} from './types.ts';
import { WidgetRenderer } from './WidgetRenderer.tsx';

export type WidgetStatus = 'loading' | 'error' | 'success';

export interface WidgetFrameProps {
  readonly widget: WidgetDefinition;
  /** The last result; kept (and shown) while a new one loads. Null for text widgets. */
  readonly result: QueryResult | null | undefined;
  /** Data state of the widget's query (`success` for widgets without a query). */
  readonly status: WidgetStatus;
  /** Why the query failed: a French message (the server's), or an error carrying one. */
  readonly error?: { readonly message: string } | string | null;
  /** A new result is on its way while `result` is still shown (filters changed). */
  readonly isRefreshing?: boolean;
  /** Why loading takes longer than usual (the server is still loading its data), said in words. */
  readonly loadingNote?: string | null;
  readonly onRetry?: () => void;
  readonly onSelect?: (selection: WidgetSelection) => void;
  readonly selection?: WidgetSelection | null;
  readonly onQueryChange?: RendererProps['onQueryChange'];
  /** The query actually run (widget query + active filters), for CSV/XLSX. Default `widget.query`. */
  readonly exportQuery?: QuerySpec;
  /** Names of the query's filters the page knows (the picture says the filters in words). */
  readonly filterLabels?: FilterLabels;
  /** Level of the title in the page outline. Default 2. */
  readonly headingLevel?: 2 | 3 | 4 | 5 | 6;
  /** Height of the visual in pixels. Default 320. With `fill`, the first guess until measured. */
  readonly height?: number;
  /**
   * The frame takes its container's height (a dashboard cell, an embed) and never spills out of
   * it: title, toolbar, notices and source keep their own height, the visual gets what is left,
   * measured — however the title wraps or the toolbar folds in a narrow cell. « Voir les données »
   * then shows the table in the visual's place. Only in a container of definite height.
   */
  readonly fill?: boolean;
  /** A custom body instead of the type's registered renderer. */
  readonly renderBody?: (result: QueryResult) => ReactNode;
}

/** Types that are tables already: no « Voir les données ». */
const TABULAR: readonly WidgetType[] = ['table', 'pivot', 'text'];
/**
 * Up to this many rows the hidden data table stays in the page (figures findable in the text);
 * above, it is built only when asked: 25 000 hidden rows freeze a page (DSFR scans every node).
 */
const ALWAYS_IN_PAGE_ROWS = 500;
/** Rows shown in « Voir les données »; the export menu gives the rest. */
const MAX_TABLE_ROWS = 2_000;

const EMPTY_MESSAGE = 'Aucune donnée pour ces filtres. Élargissez la période ou retirez un filtre.';

function errorText(error: WidgetFrameProps['error']): string {
  const message = typeof error === 'string' ? error : error?.message;
  return message?.trim() ? message : 'Une erreur inattendue est survenue. Réessayez dans un instant.';
}

/**
 * What every widget has around its renderer (DESIGN §6): title, toolbar (« Voir les données »,
 * exports), loading / error / empty states, a truncation notice and its provenance. Renderers
 * never fetch: the provider above passes `result` and `status`.
 */
export function WidgetFrame(props: WidgetFrameProps) {
  const { widget, result, status, headingLevel = 2, fill = false } = props;
  const titleId = useId();
  const tableId = useId();
  const [showData, setShowData] = useState(false);
  // The renderer tells the frame how to draw itself as an image (PNG export).
  const [exportable, setExportable] = useState<ExportableVisual | null>(null);
  const bodyRef = useRef<HTMLDivElement>(null);
  const measured = useMeasuredHeight(bodyRef, fill);
  const height = fill && measured !== null ? measured : (props.height ?? 320);
  const Heading = `h${headingLevel}` as const;
  const hasQuery = widget.query !== null;
  const hasRows = !!result && result.rows.length > 0;
  const visible = status === 'success' || (status === 'loading' && hasRows);
  const busy = status === 'loading' || !!props.isRefreshing;
  const rowCount = result?.rows.length ?? 0;
  const offerTable = !TABULAR.includes(widget.type) && hasRows && visible;
  const buildTable = offerTable && (showData || rowCount <= ALWAYS_IN_PAGE_ROWS);
  const truncatedShown = visible && !!result?.meta.truncated && widget.type !== 'table';
  const table = useMemo(
    () => (result && buildTable ? tableFromResult(result, MAX_TABLE_ROWS) : null),
    [result, buildTable],
  );
  // Filling a cell: the visual's room is the frame's height less the rest (`flex: 1 1 0`).
  const part: CSSProperties | undefined = fill ? { flex: 'none' } : undefined;
  const room: CSSProperties = { flex: '1 1 0', minHeight: 0 };
  const dataShownInPlace = fill && offerTable && showData;

  return (
    <section
      aria-labelledby={titleId}
      aria-busy={busy}
      className={`dataetat-widget ${fill ? 'dataetat-widget--fill fr-p-2w' : 'fr-p-3w'}`}
      style={{
        border: '1px solid var(--border-default-grey)',
        background: 'var(--background-default-grey)',
        ...(fill && { display: 'flex', flexDirection: 'column', height: '100%', minHeight: 0 }),
      }}
      data-testid={`widget-${widget.id}`}
      data-status={status}
    >
      <div
        style={{
          display: 'flex',
          flexWrap: 'wrap',
          justifyContent: 'space-between',
          gap: '0.5rem',
          ...(fill && { flex: 'none', marginBottom: '0.5rem' }),
        }}
      >
        <Heading id={titleId} className={`fr-h5 ${fill ? 'fr-mb-0' : 'fr-mb-1w'}`}>
          {widget.title}
        </Heading>
        <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'flex-start', gap: '0.5rem' }}>
          {offerTable && (
            <button
              type="button"
              // In a cell, an icon alone (its words stay its accessible name, and its tooltip).
              className={`fr-btn fr-btn--sm fr-btn--tertiary-no-outline ${fill ? '' : 'fr-btn--icon-left '}${showData ? 'fr-icon-line-chart-line' : 'fr-icon-table-line'}`}
              title={fill ? (showData ? 'Masquer les données' : 'Voir les données') : undefined}
              aria-expanded={showData}
              aria-controls={tableId}
              onClick={() => setShowData((shown) => !shown)}
            >
              {showData ? 'Masquer les données' : 'Voir les données'}
            </button>
          )}
          {visible && (hasRows || !hasQuery) && (
            <ExportMenu
              title={widget.title}
              widgetId={widget.id}
              query={hasQuery ? (props.exportQuery ?? widget.query) : null}
              exportable={exportable}
              compact={fill}
              picture={{
                description: widget.description,
                result: result ?? null,
                filterLabels: props.filterLabels ?? NO_FILTER_LABELS,
                truncated: truncatedShown,
              }}
            />
          )}
        </div>
      </div>
      {widget.description && (
        <p className="fr-text--sm fr-mb-1w" style={part}>
          {widget.description}
        </p>
      )}
      <div ref={bodyRef} hidden={dataShownInPlace} style={fill ? room : undefined} data-testid="widget-body">
        <FrameBody
          {...props}
          height={height}
          visible={visible}
          hasRows={hasRows}
          registerExportable={setExportable}
        />
      </div>
      {offerTable && table && (
        // Kept in the page while hidden so the figures stay findable in the document text. In a
        // cell, the table takes the visual's place and scrolls there.
        <div
          id={tableId}
          hidden={!showData}
          className={fill ? undefined : 'fr-mt-2w'}
          style={dataShownInPlace ? { ...room, overflow: 'auto' } : undefined}
          tabIndex={dataShownInPlace ? 0 : undefined}
        >
          <DataTable
            className="fr-table fr-table--no-caption fr-mb-0"
            caption={`Données : ${widget.title}`}
            captionHidden
            {...table}
          />
          {rowCount > MAX_TABLE_ROWS && (
            <p className="fr-text--xs fr-mt-1w fr-mb-0">
              Seules les {formatInteger(MAX_TABLE_ROWS)} premières lignes sur {formatInteger(rowCount)} sont
              affichées ici : téléchargez les données (CSV, XLSX) pour toutes les obtenir.
            </p>
          )}
        </div>
      )}
      {/* A paged table's `truncated` only means « there is a next page »: its pager says so. */}
      {truncatedShown && result && (
        // An information, not an error: what is shown, and where the rest is.
        <p
          className="fr-text--xs fr-mt-1w fr-mb-0"
          style={{ color: 'var(--text-mention-grey)', ...part }}
          data-testid="truncated"
        >
          Affichage des {formatInteger(result.meta.rowCount)} premières lignes, dans l’ordre choisi. La liste
          complète est dans les données téléchargées (CSV, XLSX).
        </p>
      )}
      {result && <Provenance meta={result.meta} compact={fill} />}
    </section>
  );
}

/**
 * The height of `ref`'s element, followed with a ResizeObserver while `active` (null before the
 * first measure, and while the element is hidden: the visual keeps its last height).
 */
function useMeasuredHeight(ref: RefObject<HTMLElement | null>, active: boolean): number | null {
  const [height, setHeight] = useState<number | null>(null);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!active || !element || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(([entry]) => {
      const next = Math.floor(entry?.contentRect.height ?? 0);
      if (next > 0) setHeight(next);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref, active]);
  return height;
}

function FrameBody(
  props: WidgetFrameProps & {
    height: number;
    visible: boolean;
    hasRows: boolean;
    registerExportable: (visual: ExportableVisual | null) => void;
  },
) {
  const { widget, result, status, height, visible, hasRows } = props;
  if (status === 'error') {
    return (
      <div className="fr-alert fr-alert--error fr-alert--sm" role="alert">
        <p>Impossible d’afficher ces données : {errorText(props.error)}</p>
        {props.onRetry && (
          <button
            type="button"
            className="fr-btn fr-btn--sm fr-btn--secondary fr-mt-1w"
            onClick={props.onRetry}
          >
            Réessayer
          </button>
        )}
      </div>
    );
  }
  if (!visible) {
    return (
      <div data-testid="widget-loading">
        {props.loadingNote ? (
          <p role="status" className="fr-text--sm fr-mb-1w" data-testid="widget-loading-note">
            {props.loadingNote}
          </p>
        ) : (
          <p role="status" className="fr-sr-only">
            Chargement des données…
          </p>
        )}
        <div
          aria-hidden="true"
          style={{
            height,
            borderRadius: 4,
            background: 'var(--background-contrast-grey, #eee)',
            opacity: 0.6,
          }}
        />
      </div>
    );
  }
  if (widget.query !== null && !hasRows) {
    return (
      <div className="fr-callout fr-mb-0" data-testid="widget-empty">
        <p className="fr-callout__text fr-text--md">{EMPTY_MESSAGE}</p>
      </div>
    );
  }
  const refreshing = status === 'loading' || props.isRefreshing;
  return (
    <div style={refreshing ? { opacity: 0.6, transition: 'opacity 0.2s' } : undefined}>
      {refreshing && (
        <p role="status" className="fr-sr-only">
          Mise à jour des données…
        </p>
      )}
      <RenderBoundary key={widget.type}>
        {props.renderBody && result ? (
          props.renderBody(result)
        ) : (
          <WidgetRenderer
            widget={widget}
            result={result ?? null}
            height={height}
            fitted={props.fill ?? false}
            registerExportable={props.registerExportable}
            {...(props.onSelect ? { onSelect: props.onSelect } : {})}
            {...(props.selection !== undefined ? { selection: props.selection } : {})}
            {...(props.onQueryChange ? { onQueryChange: props.onQueryChange } : {})}
          />
        )}
      </RenderBoundary>
    </div>
  );
}

/** « Source : DGCL — données au 01/03/2024 » and the demonstration badge. */
function Provenance({ meta, compact }: { meta: QueryResult['meta']; compact: boolean }) {
  const date = formatDate(meta.updatedAt);
  return (
    <p
      className={`fr-text--xs fr-mb-0 ${compact ? 'fr-mt-1w' : 'fr-mt-2w'}`}
      style={{ color: 'var(--text-mention-grey)', ...(compact && { flex: 'none' }) }}
      data-testid="provenance"
    >
      Source : {meta.source}
      {date ? ` — données au ${date}` : ''}
      {meta.demo && (
        <span className="fr-badge fr-badge--sm fr-badge--warning fr-ml-1w">Données de démonstration</span>
      )}
    </p>
  );
}
