/// <reference path="./maplibre-worker.d.ts" />
import 'maplibre-gl/dist/maplibre-gl.css';
import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import {
  type CSSProperties,
  type RefObject,
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { formatInteger, formatValue } from '../format/index.ts';
import { useWidgetHost } from '../react/WidgetHostProvider.tsx';
import type { RendererProps } from '../widget/types.ts';
import { NO_DATA_LABEL } from './classify.ts';
import { MAP_BACKGROUND } from './colours.ts';
import { type DrillScope, drillScope } from './drillScope.ts';
import { TERRITORY_VIEWS } from './extent.ts';
import { loadGeometry } from './geometry.ts';
import { MapLegend } from './Legend.tsx';
import {
  HATCH_IMAGE,
  hatchPattern,
  LAYER_IDS,
  SYMBOL_SOURCE,
  selectedLayer,
  selectedPointFilter,
} from './layers.ts';
import { type MapData, type PointData, toMapData } from './mapData.ts';
import { CLUSTER_TOTAL, type Scene, toScene } from './scene.ts';
import type { MapOptions } from './spec.ts';

// The worker is a separate file in Vite builds: tell MapLibre where it is.
maplibregl.setWorkerUrl(workerUrl);

type Prepared = MapData | { readonly kind: 'error'; readonly message: string };

/** Plain background, no remote tiles, unless a base map style is configured. */
function baseStyle(): maplibregl.StyleSpecification {
  return {
    version: 8,
    sources: {},
    layers: [{ id: 'fond', type: 'background', paint: { 'background-color': MAP_BACKGROUND } }],
  };
}

function removeScene(map: maplibregl.Map, scene: Scene | null): void {
  if (!scene) return;
  for (const layer of [...scene.layers, { id: LAYER_IDS.selected }]) {
    if (map.getLayer(layer.id)) map.removeLayer(layer.id);
  }
  for (const id of Object.keys(scene.sources)) if (map.getSource(id)) map.removeSource(id);
}

function drawScene(map: maplibregl.Map, scene: Scene, selected: string | null): void {
  if (!map.hasImage(HATCH_IMAGE)) map.addImage(HATCH_IMAGE, hatchPattern());
  for (const [id, source] of Object.entries(scene.sources)) map.addSource(id, source);
  for (const layer of scene.layers) map.addLayer(layer);
  if (scene.interactive.includes(LAYER_IDS.data) || scene.interactive.includes(LAYER_IDS.noData)) {
    map.addLayer(selectedLayer(selected, scene.sourceLayer));
  }
  showSelection(map, selected);
}

/** Outlines the selected area or point (whichever layer the scene has). */
function showSelection(map: maplibregl.Map, code: string | null): void {
  if (map.getLayer(LAYER_IDS.selected))
    map.setFilter(LAYER_IDS.selected, ['==', ['get', 'code'], code ?? '']);
  if (map.getLayer(LAYER_IDS.selectedPoint))
    map.setFilter(LAYER_IDS.selectedPoint, selectedPointFilter(code));
}

interface Tooltip {
  readonly x: number;
  readonly y: number;
  readonly title: string;
  readonly text: string;
}

type MapElement = HTMLDivElement & { dataetatMap?: maplibregl.Map };

/**
 * `map` widget: choropleth (région → commune), proportional symbols or clustered points, drawn
 * by MapLibre on a plain background. The legend is an HTML list; the frame's « Voir les
 * données » table is the accessible alternative to the canvas.
 */
export default function MapRenderer({
  widget,
  result,
  onSelect,
  selection,
  height,
  fitted = false,
  registerExportable,
}: RendererProps) {
  const { geo } = useWidgetHost();
  const options = widget.options as MapOptions;
  const prepared = useMemo(() => (result ? toMapData(result, options) : null), [result, options]);
  // The territory the dashboard drilled into: its neighbours are drawn out of scope.
  const scopeKey = JSON.stringify(
    prepared?.kind === 'areas' ? drillScope(widget.query, prepared.data.level) : null,
  );
  const scope = useMemo(() => JSON.parse(scopeKey) as DrillScope | null, [scopeKey]);
  const containerRef = useRef<MapElement>(null);
  const mapRef = useRef<Promise<maplibregl.Map> | null>(null);
  const sceneRef = useRef<Scene | null>(null);
  const preparedRef = useRef<Prepared | null>(prepared);
  const onSelectRef = useRef(onSelect);
  // Read when the map is created / a scene drawn, without re-running those effects.
  const titleRef = useRef(widget.title);
  /** The legend's title when the scene has none (the measure's): the picture's legend too. */
  const legendTitleRef = useRef('');
  const selectionRef = useRef(selection);
  const [scene, setScene] = useState<Scene | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [tooltip, setTooltip] = useState<Tooltip | null>(null);
  const selectId = useId();
  const cellRef = useRef<HTMLDivElement>(null);
  const legendRef = useRef<HTMLDivElement>(null);
  const cellWidth = useWidth(cellRef);
  const pointsShown = prepared?.kind === 'points';
  // Under a width the legend would cover the areas (half-width cells, phones): it goes under.
  const legendBelow = pointsShown || cellWidth === null || cellWidth < LEGEND_OVERLAY_MIN_WIDTH;
  const legendBelowRef = useRef(legendBelow);
  legendBelowRef.current = legendBelow;
  /** Fits the data's extent, clear of the overlaid legend and the zoom buttons. */
  const frameData = (map: maplibregl.Map, animate = false) => {
    const extent = sceneRef.current?.extent;
    if (!extent) return;
    const canvas = map.getCanvas().getBoundingClientRect();
    const legend = legendBelowRef.current ? null : legendRef.current?.getBoundingClientRect();
    // Right: the zoom buttons (top) and the attribution button (bottom) sit in that corner.
    const padding = { top: 24, right: 48, bottom: 40, left: 24 };
    if (legend && canvas.width - legend.width - 96 > 160) padding.left += legend.width + 8;
    if (canvas.width <= padding.left + padding.right || canvas.height <= padding.top + padding.bottom) return;
    map.fitBounds([...extent] as [number, number, number, number], { padding, animate, maxZoom: 11 });
  };
  const frameDataRef = useRef(frameData);
  frameDataRef.current = frameData;
  preparedRef.current = prepared;
  onSelectRef.current = onSelect;
  titleRef.current = widget.title;
  selectionRef.current = selection;

  // One MapLibre map for the life of the widget; results only swap its sources and layers.
  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    let map: maplibregl.Map | null = null;
    let cancelled = false;
    mapRef.current = geo
      .loadConfig()
      .catch(() => null)
      .then(
        (config) =>
          new Promise<maplibregl.Map>((resolve) => {
            if (cancelled) return;
            map = new maplibregl.Map({
              container,
              style: config?.basemapStyleUrl ?? baseStyle(),
              bounds: TERRITORY_VIEWS[0]?.bounds as [number, number, number, number],
              fitBoundsOptions: { padding: 16 },
              attributionControl: { compact: true },
              // Needed for the PNG export (toDataURL on a WebGL canvas).
              canvasContextAttributes: { preserveDrawingBuffer: true },
              dragRotate: false,
              pitchWithRotate: false,
              fadeDuration: 0,
              locale: {
                'Map.Title': `Carte : ${titleRef.current}`,
                'NavigationControl.ZoomIn': 'Zoomer',
                'NavigationControl.ZoomOut': 'Dézoomer',
                'NavigationControl.ResetBearing': 'Réorienter vers le nord',
                'AttributionControl.ToggleAttribution': 'Afficher les sources',
              },
            });
            map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
            container.dataetatMap = map;
            installInteractions(map, preparedRef, onSelectRef, setTooltip);
            map.on('mouseout', () => setTooltip(null));
            map.once('load', () => map && resolve(map));
          }),
      );
    return () => {
      cancelled = true;
      map?.remove();
      delete container.dataetatMap;
      mapRef.current = null;
    };
  }, [geo]);

  useEffect(() => {
    if (!registerExportable) return;
    registerExportable({
      async picture({ width }) {
        const map = await mapRef.current;
        if (!map) throw new Error('La carte n’est pas encore affichée.');
        const { mapPicture } = await import('./picture.ts');
        return mapPicture(map, sceneRef.current, legendTitleRef.current, width);
      },
    });
    return () => registerExportable(null);
  }, [registerExportable]);

  // New data: fetch the geometry it needs (once per host), build the scene, swap it in, frame it.
  useEffect(() => {
    const container = containerRef.current;
    if (!container || !prepared || prepared.kind === 'error') return;
    let cancelled = false;
    const arrived = performance.now();
    container.dataset.rendered = 'false';
    setFailure(null);
    // The area under the pointer belonged to the previous result (a drill replaced it).
    setTooltip(null);
    Promise.all([mapRef.current, loadGeometry(geo, prepared, options, scope)])
      .then(([map, geometry]) => {
        if (cancelled || !map) return;
        const next = toScene(prepared, options, geometry, scope);
        removeScene(map, sceneRef.current);
        const selected = selectionRef.current?.value;
        drawScene(map, next, selected == null ? null : String(selected));
        sceneRef.current = next;
        setScene(next);
        frameDataRef.current(map);
        map.once('idle', () => {
          if (cancelled) return;
          foldAttribution(container);
          container.dataset.renderMs = String(Math.round(performance.now() - arrived));
          container.dataset.rendered = 'true';
        });
      })
      .catch((error: unknown) => {
        if (!cancelled)
          setFailure(error instanceof Error ? error.message : 'La carte n’a pas pu être dessinée.');
      });
    return () => {
      cancelled = true;
    };
  }, [prepared, options, geo, scope]);

  useEffect(() => {
    const code = selection?.value == null ? null : String(selection.value);
    void mapRef.current?.then((map) => showSelection(map, code));
  }, [selection]);

  // The cell changed size (dashboard column, phone rotation, legend moved or folded): the
  // canvas follows, and the view fits the data again.
  useEffect(() => {
    const container = containerRef.current;
    if (!container || typeof ResizeObserver === 'undefined') return;
    let frame = 0;
    const observer = new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        void mapRef.current?.then((map) => {
          // A drawn map is « rendered » again only once re-framed (the e2e hook means final).
          const drawn = container.dataset.rendered === 'true';
          if (drawn) container.dataset.rendered = 'false';
          map.resize();
          frameDataRef.current(map);
          if (drawn) map.once('idle', () => (container.dataset.rendered = 'true'));
        });
      });
    });
    observer.observe(container);
    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
    };
  }, []);

  const jumpTo = (id: string) => {
    const view = TERRITORY_VIEWS.find((v) => v.id === id);
    void mapRef.current?.then((map) => {
      if (view)
        map.fitBounds([...view.bounds] as [number, number, number, number], { padding: 24, duration: 0 });
      else frameDataRef.current(map);
    });
  };

  const measureTitle = prepared && prepared.kind !== 'error' ? (prepared.data.measure?.title ?? '') : '';
  legendTitleRef.current = measureTitle;
  const legend = (
    <MapLegend
      ref={legendRef}
      title={scene?.legendTitle ?? measureTitle}
      items={scene?.legend ?? []}
      symbols={scene?.symbolLegend ?? []}
      note={scene?.legendNote ?? null}
      placement={legendBelow ? 'below' : 'overlay'}
    />
  );
  // In a box of fixed height (a cell, an embed) the visual keeps to it: the canvas takes what the
  // territory select and the legend leave. Elsewhere (gallery, explorer) the height is the
  // canvas's preferred one and the legend below adds to it.
  const strict = fitted && height !== undefined;
  const mapHeight =
    height === undefined
      ? 420
      : strict
        ? height - TERRITORY_SELECT_HEIGHT
        : Math.max(200, height - TERRITORY_SELECT_HEIGHT);
  return (
    <div
      ref={cellRef}
      className="dataetat-map"
      style={{
        position: 'relative',
        ...(strict && { display: 'flex', flexDirection: 'column', height }),
      }}
    >
      <div className="fr-select-group" style={{ marginBottom: '.5rem', maxWidth: '20rem', flex: 'none' }}>
        <label className="fr-label" htmlFor={selectId}>
          Territoire affiché
        </label>
        <select className="fr-select" id={selectId} defaultValue="" onChange={(e) => jumpTo(e.target.value)}>
          <option value="">Étendue des données</option>
          {TERRITORY_VIEWS.map((view) => (
            <option key={view.id} value={view.id}>
              {view.label}
            </option>
          ))}
        </select>
      </div>
      {prepared?.kind === 'error' || failure ? (
        <div className="fr-alert fr-alert--warning fr-alert--sm">
          <p>{prepared?.kind === 'error' ? prepared.message : failure}</p>
        </div>
      ) : null}
      {/* min-height: the canvas fills what the legend leaves, and keeps a readable size. */}
      <div
        style={{
          display: 'flex',
          flexDirection: 'column',
          ...(strict ? { flex: '1 1 0', minHeight: 0 } : { minHeight: mapHeight }),
        }}
      >
        <div
          style={{
            position: 'relative',
            flex: '1 1 auto',
            // Points keep the whole height: clusters of 40 px need room; their legend is one row.
            minHeight: strict ? MIN_FITTED_CANVAS_HEIGHT : pointsShown ? mapHeight : MIN_CANVAS_HEIGHT,
          }}
        >
          <div
            ref={containerRef}
            data-testid="map"
            data-rendered="false"
            style={{ position: 'absolute', inset: 0 }}
          />
          {tooltip ? (
            <div role="presentation" style={tooltipStyle(tooltip)}>
              <strong style={{ display: 'block' }}>{tooltip.title}</strong>
              <span>{tooltip.text}</span>
            </div>
          ) : null}
          {legendBelow ? null : <div style={{ position: 'absolute', left: 8, bottom: 8 }}>{legend}</div>}
        </div>
        {legendBelow ? <div style={{ flex: 'none' }}>{legend}</div> : null}
      </div>
    </div>
  );
}

/**
 * MapLibre opens its compact attribution at first: on a small map the open text covers the
 * areas (and the legend's « Pas de données »). Folded, the « i » button still shows it.
 */
function foldAttribution(container: HTMLElement): void {
  const attribution = container.querySelector('.maplibregl-ctrl-attrib.maplibregl-compact-show');
  attribution?.classList.remove('maplibregl-compact-show');
  attribution?.removeAttribute('open');
}

/** Below this cell width (px) the legend goes under the map instead of over its corner. */
export const LEGEND_OVERLAY_MIN_WIDTH = 640;
/** The canvas keeps at least this height (px) when the legend under it takes room. */
const MIN_CANVAS_HEIGHT = 200;
/** In a cell of fixed height, the canvas shrinks down to this to leave the legend its room. */
const MIN_FITTED_CANVAS_HEIGHT = 120;

/** The element's width, followed with a ResizeObserver (the cell's, not the window's). */
function useWidth(ref: RefObject<HTMLElement | null>): number | null {
  const [width, setWidth] = useState<number | null>(null);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    setWidth(element.getBoundingClientRect().width);
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setWidth(entry.contentRect.width);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}

/** Label + select of « Territoire affiché », with its margin (DSFR sizes). */
const TERRITORY_SELECT_HEIGHT = 80;

function tooltipStyle(tooltip: Tooltip): CSSProperties {
  return {
    position: 'absolute',
    left: tooltip.x + 12,
    top: tooltip.y + 12,
    pointerEvents: 'none',
    background: '#ffffff',
    color: '#161616',
    border: '1px solid #929292',
    padding: '.25rem .5rem',
    fontSize: '.8125rem',
    boxShadow: '0 2px 6px rgba(0,0,0,.16)',
    // Project descriptions can be long: wrap them rather than overflow the map.
    maxWidth: '22rem',
    zIndex: 2,
  };
}

/** Project descriptions run to 900 characters: the tooltip shows the start (the table has all). */
function shorten(text: string, max = 160): string {
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}

/** « Regroupement de 248 projets », their total, and how to see them. */
function describeCluster(count: number, total: unknown, data: PointData): Omit<Tooltip, 'x' | 'y'> {
  const { measure, noun } = data;
  const sum =
    measure && typeof total === 'number' ? `${measure.title} : ${formatValue(total, measure.format)} · ` : '';
  return {
    title: `Regroupement de ${formatInteger(count)} ${noun.many}`,
    text: `${sum}cliquez pour zoomer`,
  };
}

const POINT_LAYERS: ReadonlySet<string> = new Set([LAYER_IDS.clusters, LAYER_IDS.points]);

/** Hover tooltips (name + French value) and clicks (cross-filter, cluster zoom). */
function installInteractions(
  map: maplibregl.Map,
  preparedRef: { current: Prepared | null },
  onSelectRef: { current: RendererProps['onSelect'] },
  setTooltip: (tooltip: Tooltip | null) => void,
): void {
  const areaValue = (code: string) => {
    const prepared = preparedRef.current;
    return prepared?.kind === 'areas' ? prepared.data.areas.find((a) => a.code === code) : undefined;
  };
  const describe = (feature: maplibregl.MapGeoJSONFeature): Omit<Tooltip, 'x' | 'y'> | null => {
    const props = feature.properties as Record<string, unknown>;
    const prepared = preparedRef.current;
    if (!prepared || prepared.kind === 'error') return null;
    // Under points, the départements are only a backdrop: they answer neither hover nor click.
    if (prepared.kind === 'points' && !POINT_LAYERS.has(feature.layer.id)) return null;
    if (prepared.kind === 'points' && typeof props.point_count === 'number') {
      return describeCluster(props.point_count, props[CLUSTER_TOTAL], prepared.data);
    }
    if (prepared.kind === 'points') {
      const { measure } = prepared.data;
      const value = typeof props.value === 'number' ? props.value : null;
      return {
        title: shorten(String(props.nom ?? '')),
        text: measure ? `${measure.title} : ${formatValue(value, measure.format)}` : '',
      };
    }
    const { measure } = prepared.data;
    const code = String(props.code ?? '');
    const area = areaValue(code);
    const title = area?.label ?? String(props.nom ?? code);
    return {
      title,
      text:
        area && area.value !== null
          ? `${measure.title} : ${formatValue(area.value, measure.format)}`
          : NO_DATA_LABEL,
    };
  };
  const interactive = [
    LAYER_IDS.data,
    LAYER_IDS.noData,
    LAYER_IDS.symbols,
    LAYER_IDS.clusters,
    LAYER_IDS.points,
  ];
  for (const layer of interactive) {
    map.on('mousemove', layer, (event) => {
      const feature = event.features?.[0];
      const described = feature ? describe(feature) : null;
      map.getCanvas().style.cursor = described ? 'pointer' : '';
      setTooltip(described ? { ...described, x: event.point.x, y: event.point.y } : null);
    });
    map.on('mouseleave', layer, () => {
      map.getCanvas().style.cursor = '';
      setTooltip(null);
    });
    map.on('click', layer, (event) => {
      const feature = event.features?.[0];
      if (!feature) return;
      const props = feature.properties as Record<string, unknown>;
      if (typeof props.cluster_id === 'number') {
        const source = map.getSource(SYMBOL_SOURCE) as maplibregl.GeoJSONSource | undefined;
        void source?.getClusterExpansionZoom(props.cluster_id).then((zoom) => {
          if (feature.geometry.type === 'Point') {
            // Big national clusters split a fraction of a level further: zoom at least one level.
            map.easeTo({
              center: feature.geometry.coordinates as [number, number],
              zoom: Math.max(zoom, map.getZoom() + 1),
            });
          }
        });
        return;
      }
      const prepared = preparedRef.current;
      if (!onSelectRef.current || typeof props.code !== 'string' || props.code === '') return;
      if (prepared?.kind === 'points') {
        if (prepared.data.field && POINT_LAYERS.has(layer))
          onSelectRef.current({
            field: prepared.data.field,
            value: props.code,
            label: String(props.nom ?? ''),
          });
        return;
      }
      if (prepared?.kind !== 'areas') return;
      const area = areaValue(props.code);
      onSelectRef.current({
        field: prepared.data.field,
        value: props.code,
        label: area?.label ?? String(props.nom ?? props.code),
      });
    });
  }
}
