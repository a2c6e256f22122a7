/**
 * The data provider of every widget (dashboards, explorer, pages, embeds): the widget's query in
 * its page's scope (filters, drill level, other widgets' selections), shaped by its type (a
 * pivot's subtotals, a table's page), with the page or sort its renderer asked, run through the
 * host's API by react-query. Equal queries share one request; the previous result stays on
 * screen while the next one loads. The same definition thus shows the same thing everywhere.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { renderedOptions } from '#rendered-options';
import type { YearsOutOfCoverage } from '../dashboard/filters.ts';
import { type FilterLabels, NO_FILTER_LABELS } from '../picture/labels.ts';
import type { QueryResult, QuerySpec } from '../spec/types.ts';
import type { WidgetStatus } from '../widget/Frame.tsx';
import { shapeResolvedQuery } from '../widget/renderings.ts';
import type { RendererProps, WidgetDefinition } from '../widget/types.ts';
import { ApiError } from './host.ts';
import { type CrossSelection, scopedQuery, type WidgetScope } from './scope.ts';
import { useWidgetHost } from './WidgetHostProvider.tsx';

type Paging = Pick<QuerySpec, 'offset' | 'sort' | 'limit'>;

/** What `useWidgetData` gives the frame (spread into `<WidgetFrame {...data.frame} />`). */
export interface WidgetFrameData {
  /**
   * The widget with the query actually sent (exports and renderers see the same) and its options
   * resolved (what renderers read, see `RendererProps`).
   */
  readonly widget: WidgetDefinition;
  readonly result: QueryResult | null | undefined;
  readonly status: WidgetStatus;
  readonly error: string | null;
  readonly isRefreshing: boolean;
  readonly loadingNote: string | null;
  readonly onRetry: () => void;
  readonly onQueryChange: NonNullable<RendererProps['onQueryChange']>;
  readonly exportQuery?: QuerySpec;
  /** Names of the query's filters (the picture says them in words). */
  readonly filterLabels: FilterLabels;
}

export interface WidgetData {
  /** The query sent; null when there is nothing to ask (text widgets). */
  readonly query: QuerySpec | null;
  readonly result: QueryResult | undefined;
  readonly status: WidgetStatus;
  /** The query's failure (an `ApiError` carries the server's code and JSON pointer). */
  readonly error: Error | null;
  /** Succeeded with no row: the frame says what to do next. */
  readonly isEmpty: boolean;
  /** Ids of the scope's active filters this widget's dataset cannot take. */
  readonly notApplicable: readonly string[];
  /** The scope's year filters outside the years this widget's dataset covers (not applied). */
  readonly outOfCoverage: readonly YearsOutOfCoverage[];
  /** Other widgets' selections this widget's dataset cannot take. */
  readonly selectionsNotApplicable: readonly CrossSelection[];
  /** What the page should tell about the widget (a map kept at the commune level: no quartier). */
  readonly notice: string | null;
  readonly frame: WidgetFrameData;
}

/** The server's French message, or a generic one (never an English stack). */
export function widgetErrorMessage(error: Error): string {
  return error instanceof ApiError ? error.message : 'Une erreur inattendue est survenue.';
}

/**
 * The server listens before its first data load is over and answers 503 DATA_NOT_LOADED with
 * `Retry-After: 5` meanwhile: the widget waits (and says so) instead of failing.
 */
const DATA_LOADING_RETRY_MS = 5_000;
/** Ten minutes of waiting: the first load of a national warehouse, then the error is shown. */
const DATA_LOADING_MAX_RETRIES = 120;
export const DATA_LOADING_NOTE =
  'Le serveur charge encore ses données : elles s’afficheront dans quelques instants.';

const isDataLoading = (error: unknown) => error instanceof ApiError && error.code === 'DATA_NOT_LOADED';

/** Retry while the server loads its data; otherwise twice for server errors, never for client ones. */
export function widgetQueryRetry(failureCount: number, error: Error): boolean {
  if (isDataLoading(error)) return failureCount < DATA_LOADING_MAX_RETRIES;
  return !(error instanceof ApiError && error.isClientError) && failureCount < 2;
}

export function widgetQueryRetryDelay(failureCount: number, error: Error): number {
  return isDataLoading(error) ? DATA_LOADING_RETRY_MS : Math.min(1_000 * 2 ** failureCount, 30_000);
}

const sameQuery = (a: QuerySpec | null, b: QuerySpec | null) => JSON.stringify(a) === JSON.stringify(b);

export function useWidgetData(widget: WidgetDefinition, scope?: WidgetScope): WidgetData {
  const host = useWidgetHost();
  const scoped = scope
    ? scopedQuery(widget, scope)
    : {
        query: widget.query,
        notApplicable: [],
        outOfCoverage: [],
        selectionsNotApplicable: [],
        labels: NO_FILTER_LABELS,
      };
  // Resolved once per stored options: renderers memoise on them.
  const { type, options: stored } = widget;
  const options = useMemo(() => renderedOptions({ type, options: stored }), [type, stored]);
  const base = scoped.query ? shapeResolvedQuery(type, options, scoped.query) : null;
  // Paging and sorting asked by the renderer: dropped whenever the scope changes the query.
  const [paging, setPaging] = useState<{ base: QuerySpec | null; patch: Paging }>({ base: null, patch: {} });
  const patch = paging.base && sameQuery(paging.base, base) ? paging.patch : {};
  const query = base ? { ...base, ...patch } : null;
  const state = useQuery({
    // A grant host asks per widget (the server checks the spec against it): no sharing then.
    queryKey: ['widget-query', host.key, host.perWidget ? widget.id : null, query],
    queryFn: ({ signal }) => host.runQuery(query as QuerySpec, signal, widget.id),
    enabled: query !== null,
    placeholderData: keepPreviousData,
    retry: widgetQueryRetry,
    retryDelay: widgetQueryRetryDelay,
  });
  const result = query === null ? undefined : state.data;
  const status: WidgetStatus =
    query === null ? 'success' : state.isError ? 'error' : result ? 'success' : 'loading';
  return {
    query,
    result,
    status,
    error: state.error,
    isEmpty: status === 'success' && !!result && result.rows.length === 0,
    notApplicable: scoped.notApplicable,
    outOfCoverage: scoped.outOfCoverage,
    selectionsNotApplicable: scoped.selectionsNotApplicable,
    notice: ('notice' in scoped && scoped.notice) || null,
    frame: {
      widget: { ...widget, title: scoped.title ?? widget.title, query, options },
      result: query === null ? null : result,
      status,
      error: state.error ? widgetErrorMessage(state.error) : null,
      isRefreshing: state.isFetching && !!result,
      loadingNote: state.isFetching && isDataLoading(state.failureReason) ? DATA_LOADING_NOTE : null,
      onRetry: () => void state.refetch(),
      onQueryChange: (next) => setPaging({ base, patch: { ...patch, ...next } }),
      ...(query ? { exportQuery: query } : {}),
      filterLabels: scoped.labels,
    },
  };
}
