import type { DashboardDefinition, DatasetSummary } from '@dataetat/widgets';
import {
  ApiError,
  type FilterSpec,
  readApiResponse,
  useWidgetHost,
  type WidgetSelection,
} from '@dataetat/widgets/react';
import { useQuery } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import { DashboardWidget } from '../dashboards/DashboardWidget.tsx';
import { GeoBreadcrumb } from '../dashboards/GeoBreadcrumb.tsx';
import { ViewGrid } from '../dashboards/ViewGrid.tsx';
import { applyClick, defaultView, type ViewState } from '../dashboards/viewState.ts';
import { lockedTerritory } from '../sharing/lockedFilters.ts';
import type { EmbedSelectDetail } from './contract.ts';
import type { EmbedResource } from './grant.ts';
import { acceptHostFilters, type HostFilters, withHostFilters } from './hostFilters.ts';
import { adoptTypeStyles } from './typeStyles.ts';

export interface EmbedAppProps {
  readonly token: string | null;
  /** What the host page asked (attribute and events merged), before the embed's rules. */
  readonly asked: HostFilters;
  /** The custom element: `dataetat:select` is dispatched on it. */
  readonly element: HTMLElement;
  /** The element's size (ResizeObserver); `fill`: the visual takes its height. */
  readonly size: { readonly width: number; readonly height: number };
  readonly fill: boolean;
  /** Warnings for the host page's developer (French, deduplicated by the caller). */
  readonly warn: (message: string) => void;
}

/** Client errors will not heal by asking again (tampered, expired, revoked, refused). */
const retry = (count: number, error: Error) =>
  !(error instanceof ApiError && error.isClientError) && count < 2;

/** The embed's resource, fetched once per token for every element of the page (shared cache). */
function useEmbedResource(token: string | null) {
  const host = useWidgetHost();
  return useQuery({
    queryKey: ['embed-resource', host.key],
    queryFn: async ({ signal }) => {
      const resource = await readApiResponse<EmbedResource>(
        await host.fetch('/api/embed/resource', { signal }),
      );
      adoptTypeStyles(resource.dashboard.definition.widgets.map((w) => w.type));
      return resource;
    },
    enabled: token !== null,
    retry,
    staleTime: 60_000,
  });
}

function EmbedMessage({ message }: { message: string }) {
  return (
    <div className="fr-alert fr-alert--error fr-alert--sm" role="alert" data-testid="embed-error">
      <p>{message}</p>
    </div>
  );
}

/**
 * An embed: its resource (one widget or a whole dashboard, within the embed's locked filters),
 * the host page's allowed filters, and the reader's clicks (cross-filter, map drill-down). Any
 * refusal (tampered, expired or revoked token, origin not allowed) shows the server's French
 * message and no data.
 */
export function EmbedApp(props: EmbedAppProps) {
  const resource = useEmbedResource(props.token);
  if (props.token === null)
    return (
      <EmbedMessage message="Attribut token manquant : collez le code d’intégration fourni par Data-État." />
    );
  if (resource.isError) {
    const error = resource.error;
    return (
      <EmbedMessage
        message={
          error instanceof ApiError && error.code !== 'NETWORK'
            ? error.message
            : 'Le service Data-État est injoignable, ou cette page n’est pas autorisée à afficher cette intégration.'
        }
      />
    );
  }
  if (!resource.data)
    return (
      <p role="status" className="fr-text--sm" aria-busy="true">
        Chargement des données…
      </p>
    );
  return <EmbedContent {...props} resource={resource.data} />;
}

function EmbedContent({
  resource,
  asked,
  element,
  size,
  fill,
  warn,
}: EmbedAppProps & { resource: EmbedResource }) {
  const { grant, dashboard, catalogue } = resource;
  const accepted = useMemo(() => {
    const result = acceptHostFilters(asked, grant.hostFilters);
    for (const warning of result.warnings) warn(warning);
    return result.filters;
  }, [asked, grant.hostFilters, warn]);
  const definition = useHostFiltered(dashboard.definition, accepted, catalogue);
  const [view, setView] = useState<ViewState>(() => defaultView(definition.filters));
  const select = useCallback(
    (widgetId: string, selection: WidgetSelection) => {
      const widget = definition.widgets.find((w) => w.id === widgetId);
      setView((current) => applyClick(current, widgetId, selection, widget?.type === 'map'));
      const detail: EmbedSelectDetail = { field: selection.field, value: selection.value, widgetId };
      element.dispatchEvent(new CustomEvent('dataetat:select', { bubbles: true, composed: true, detail }));
    },
    [definition.widgets, element],
  );
  const fieldLabel = useCallback(
    (field: string) => {
      for (const dataset of catalogue) {
        const dimension = dataset.dimensions.find((d) => d.id === field);
        if (dimension) return dimension.label;
      }
      return field;
    },
    [catalogue],
  );
  const single = grant.widgetId === null ? null : definition.widgets.find((w) => w.id === grant.widgetId);
  const hasMap = definition.widgets.some((w) => w.type === 'map');
  // A map locked to a territory drills from it, not from « France entière ».
  const root = useMemo(
    () => lockedTerritory(grant.lockedFilters, grant.lockedLabels, grant.territory),
    [grant.lockedFilters, grant.lockedLabels, grant.territory],
  );
  return (
    <div
      data-testid="embed"
      data-dashboard-id={dashboard.id}
      className={single && fill ? 'dataetat-embed__single' : undefined}
    >
      {hasMap && view.territoire.length > 0 && (
        <GeoBreadcrumb view={view} onChange={setView} show root={root} />
      )}
      {single ? (
        <DashboardWidget
          widget={single}
          view={view}
          filters={definition.filters}
          catalogue={catalogue}
          height={singleHeight(single.type, size, fill)}
          fill={fill}
          fieldLabel={fieldLabel}
          onSelect={select}
        />
      ) : (
        <>
          <h2 className="fr-h4 fr-mb-2w">{dashboard.title}</h2>
          <ViewGrid
            definition={definition}
            view={view}
            catalogue={catalogue}
            onSelect={select}
            fieldLabel={fieldLabel}
          />
        </>
      )}
    </div>
  );
}

/** The definition with the accepted host filters added to each widget that can take them. */
function useHostFiltered(
  definition: DashboardDefinition,
  filters: readonly FilterSpec[],
  catalogue: readonly DatasetSummary[],
): DashboardDefinition {
  return useMemo(
    () =>
      filters.length === 0
        ? definition
        : { ...definition, widgets: definition.widgets.map((w) => withHostFilters(w, filters, catalogue)) },
    [definition, filters, catalogue],
  );
}

/** Room left to a single widget's visual once its title, toolbar and provenance are drawn. */
const FRAME_CHROME = 170;

function singleHeight(type: string, size: { width: number; height: number }, fill: boolean): number {
  if (fill && size.height > 0) return Math.max(type === 'kpi' ? 80 : 160, size.height - FRAME_CHROME);
  if (type === 'kpi') return 120;
  // Sized by the container's width: a chart keeps a readable shape in a side column or a page.
  return Math.round(Math.min(440, Math.max(220, size.width * 0.55)));
}
