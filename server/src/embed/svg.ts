/**
 * A widget as an SVG picture (the `/embed/<token>.svg` way in, issue 10): for intranet pages and
 * documents that allow neither scripts nor frames. Pure given the data: the route resolves the
 * embed, runs the query and hands the result here. Charts are drawn by ECharts on the server from
 * the browser's own option builders; a KPI, a text and a table's first rows are drawn by hand.
 * Every picture carries the widget title, the source and the data date.
 */
import {
  type QueryResult,
  resolveWidgetOptions,
  toAreaOption,
  toBarOption,
  toGaugeOption,
  toLineOption,
  toPieOption,
  toSankeyOption,
  toTreemapOption,
  type WidgetDefinition,
  type WidgetType,
} from '@dataetat/widgets';
import type { EChartsCoreOption } from 'echarts/core';
import { AppError } from '../errors.ts';
import { boundResult } from './svg-bound.ts';
import { chartSvg } from './svg-chart.ts';
import {
  bodyBox,
  clampSize,
  framedSvg,
  noteChars,
  SVG_DEFAULT_HEIGHT,
  SVG_DEFAULT_WIDTH,
  SVG_MAX_HEIGHT,
  SVG_MAX_WIDTH,
  SVG_MIN_HEIGHT,
  SVG_MIN_WIDTH,
} from './svg-frame.ts';
import { kpiSvg } from './svg-kpi.ts';
import { markdownSvg } from './svg-markdown.ts';
import { tableSvg } from './svg-table.ts';
import { charsIn, truncate, wrap, xmlText } from './svg-text.ts';

export interface SvgContext {
  /** Producer of the data (`result.meta.source`, or the catalogue's). */
  readonly source: string;
  /** Date of the data, `dd/mm/yyyy`; null when unknown. */
  readonly dataDate: string | null;
  /** Requested size in px, clamped to 200–2000 × 150–2000 (default 640 × 400). */
  readonly width?: number;
  readonly height?: number;
  /** The filters the embed locks, in French (« Département : Ille-et-Vilaine »), shown as a note. */
  readonly filters?: string;
}

type ChartBuilder = (widget: WidgetDefinition, result: QueryResult) => EChartsCoreOption;

/** How each type becomes a picture; null = it cannot (a map needs its boundaries and tiles). */
const PICTURES: Record<WidgetType, ChartBuilder | 'kpi' | 'text' | 'table' | null> = {
  kpi: 'kpi',
  gauge: toGaugeOption,
  bar: toBarOption,
  line: toLineOption,
  area: toAreaOption,
  pie: toPieOption,
  treemap: toTreemapOption,
  sankey: toSankeyOption,
  table: 'table',
  pivot: null,
  map: null,
  text: 'text',
};

/** Whether a widget type can be drawn as a picture (the embed dialog offers the SVG snippet only then). */
export function isPicturable(type: WidgetType): boolean {
  return PICTURES[type] !== null;
}

/**
 * « Source : DGFiP — données du 01/03/2024 — Data-État », within `maxChars`: a long source is
 * cut, never the date (the point of the line). Without a source (a text widget): « Data-État ».
 */
export function provenanceLine(
  context: Pick<SvgContext, 'source' | 'dataDate'>,
  maxChars = Number.POSITIVE_INFINITY,
): string {
  const tail = `${context.dataDate ? ` — données du ${context.dataDate}` : ''} — Data-État`;
  if (context.source.trim() === '') return tail.slice(3);
  const room = maxChars - [...`Source : ${tail}`].length;
  return `Source : ${truncate(context.source, Math.max(12, room))}${tail}`;
}

function size(context: Pick<SvgContext, 'width' | 'height'>) {
  return {
    width: clampSize(context.width, SVG_MIN_WIDTH, SVG_MAX_WIDTH, SVG_DEFAULT_WIDTH),
    height: clampSize(context.height, SVG_MIN_HEIGHT, SVG_MAX_HEIGHT, SVG_DEFAULT_HEIGHT),
  };
}

function ariaDescription(option: EChartsCoreOption): string {
  const aria = (option as { aria?: { label?: { description?: unknown } } }).aria;
  return typeof aria?.label?.description === 'string' ? aria.label.description : '';
}

/**
 * Widget + its query result → a standalone SVG document (pure; `result` is null only for a text
 * widget). Throws `AppError('EMBED_SVG_UNSUPPORTED')` for a type that cannot be a picture.
 */
export function renderWidgetSvg(
  stored: WidgetDefinition,
  result: QueryResult | null,
  context: SvgContext,
): string {
  // The browser's option builders read resolved options, as its renderers do.
  const widget = { ...stored, options: resolveWidgetOptions(stored) };
  const picture = PICTURES[widget.type];
  if (picture === null) throw new AppError('EMBED_SVG_UNSUPPORTED', {}, { type: widget.type });
  const { width, height } = size(context);
  const title = widget.title.trim() === '' ? 'Sans titre' : widget.title;
  const footer = provenanceLine(context, noteChars(width));
  const provenance = provenanceLine(context);
  const filters = context.filters ? [context.filters] : [];
  if (picture === 'text') {
    const box = bodyBox(width, height, filters.length);
    const drawn = markdownSvg(widget, box);
    return framedSvg({
      width,
      height,
      title,
      description: `${drawn.description} ${provenance}`,
      notes: filters,
      footer,
      body: drawn.body,
    });
  }
  if (!result) throw new AppError('EMBED_SVG_UNSUPPORTED', {}, { type: widget.type, reason: 'no result' });
  if (picture === 'kpi') {
    const box = bodyBox(width, height, filters.length);
    const drawn = kpiSvg(widget, result, box);
    return framedSvg({
      width,
      height,
      title,
      description: `${drawn.description} ${provenance}`,
      notes: filters,
      footer,
      body: drawn.body,
    });
  }
  if (picture === 'table') {
    const bounded = boundResult(result);
    // Laid out once to know whether rows were left out, then again with room for that note.
    const first = tableSvg(widget, bounded.result, bodyBox(width, height, filters.length + 1));
    const notes = [...filters, ...[bounded.note ?? first.note].filter((n): n is string => n !== null)];
    const drawn =
      notes.length === filters.length
        ? tableSvg(widget, bounded.result, bodyBox(width, height, notes.length))
        : first;
    return framedSvg({
      width,
      height,
      title,
      description: `${drawn.description} ${provenance}`,
      notes,
      footer,
      body: drawn.body,
    });
  }
  const bounded = boundResult(result);
  const notes = bounded.note ? [...filters, bounded.note] : filters;
  const box = bodyBox(width, height, notes.length);
  const option = picture(widget, bounded.result);
  const chart =
    box.height > 0
      ? `<g transform="translate(0 ${box.y})">${chartSvg(option, box.width, box.height)}</g>`
      : '';
  const description = [ariaDescription(option), bounded.note, context.filters, provenance]
    .filter(Boolean)
    .join(' ');
  return framedSvg({ width, height, title, description, notes, footer, body: chart });
}

/**
 * A readable error picture (an `<img>` shows it instead of a broken image): the French message
 * of the refusal, wrapped, in the same frame.
 */
export function errorSvg(message: string, context: Pick<SvgContext, 'width' | 'height'> = {}): string {
  const { width, height } = size(context);
  const box = bodyBox(width, height, 0);
  const lines = wrap(message, charsIn(width - 32, 14), Math.max(1, Math.floor(box.height / 20)));
  const body = lines
    .map(
      (line, i) =>
        `<text x="16" y="${box.y + 18 + i * 20}" font-size="14" fill="#ce0500">${xmlText(line)}</text>`,
    )
    .join('\n');
  return framedSvg({
    width,
    height,
    title: 'Image indisponible',
    description: message,
    notes: [],
    footer: 'Data-État',
    body,
  });
}
