/**
 * The widget contract shared by the renderers (widgets/src/<type>/), the explorer, the dashboard
 * editor/viewer and the embeds. A widget = `{ id, type, title, query, options }` (DESIGN.md §6).
 * Renderers never fetch: a data provider above them runs `query` (with the active filters) and
 * hands them the result.
 */
import type { PictureRequest, PictureVisual } from '../picture/types.ts';
import type { QueryResult, QuerySpec } from '../spec/types.ts';
import type { WidgetType } from './registry.ts';

export type { WidgetType } from './registry.ts';

export interface WidgetDefinition<Options = Record<string, unknown>> {
  readonly id: string;
  readonly type: WidgetType;
  readonly title: string;
  readonly description?: string;
  /** What to ask the query service; null for `text` widgets. */
  readonly query: QuerySpec | null;
  /** Type-specific options, documented in each type's `spec.ts`. */
  readonly options: Options;
}

/** A click on a bar, slice, area, row or cell: used for cross-filtering. */
export interface WidgetSelection {
  readonly field: string;
  readonly value: string | number | null;
  /** Human label of the value (e.g. the département name), for chips. */
  readonly label?: string;
}

export interface RendererProps<Options = Record<string, unknown>> {
  /**
   * Its options are resolved (`resolveWidgetOptions`: defaults in, invalid values out), by the
   * data provider or, for embeds, by the server: renderers read them as their type's options and
   * never import the options schema (see widget/renderings.ts).
   */
  readonly widget: WidgetDefinition<Options>;
  /** Null only for widgets without a query (`text`). */
  readonly result: QueryResult | null;
  /** Emitted when the user selects a data point; absent = not interactive. */
  readonly onSelect?: (selection: WidgetSelection) => void;
  /** Current cross-filter selection to highlight, if any. */
  readonly selection?: WidgetSelection | null;
  /**
   * Renderers that page or sort on the server (table, pivot) ask their provider for a new
   * query through this; the provider re-runs it and passes the new result.
   */
  readonly onQueryChange?: (patch: Pick<QuerySpec, 'offset' | 'sort' | 'limit'>) => void;
  /** Pixel height available for the visual (the frame's body). */
  readonly height?: number;
  /**
   * `height` is binding (a dashboard cell, an embed: the frame fills a box of fixed height) and
   * the visual keeps within it; otherwise it is the visual's preferred height and the page grows.
   */
  readonly fitted?: boolean;
  /**
   * Given by the frame: the renderer registers how it draws its visual for the widget's picture
   * (PNG export), which the frame frames with title, filters, legend and source; null when it
   * goes away.
   */
  readonly registerExportable?: (visual: ExportableVisual | null) => void;
}

/** What a renderer exposes to its frame for the picture (PNG) — set through `registerExportable`. */
export interface ExportableVisual {
  /**
   * The visual and its legend for a picture (picture/types.ts), drawn for `request.width` CSS
   * pixels: ECharts re-rendered at that width, the map's canvas, tables and figures drawn.
   * Renderers load the drawing code on demand (dynamic import): pages pay for it on export only.
   */
  picture(request: PictureRequest): Promise<PictureVisual>;
}

/** The shape of a query, used to offer only the widget types that fit and to suggest one. */
export interface QueryShape {
  readonly measures: number;
  readonly dimensions: readonly { readonly id: string; readonly type: string; readonly level?: string }[];
}
