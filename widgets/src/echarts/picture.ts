/**
 * A chart for a picture: its option drawn again off screen at the picture's width and twice its
 * pixel density, without ECharts' own legend (a scrolling legend hides entries; the picture
 * draws every entry itself, as text that can be read back). Loaded on export only.
 */
import { type EChartsCoreOption, init } from 'echarts/core';
import { PICTURE_PIXEL_RATIO } from '../picture/compose.ts';
import { imageVisual } from '../picture/image.ts';
import type { LegendEntry, PictureVisual } from '../picture/types.ts';
import { DSFR_PALETTE } from '../react/palette.ts';

interface SeriesLike {
  readonly type?: string;
  readonly name?: string;
  readonly areaStyle?: unknown;
  readonly data?: readonly unknown[];
}

const colourOf = (visual: unknown, index: number): string =>
  typeof visual === 'string' ? visual : (DSFR_PALETTE[index % DSFR_PALETTE.length] ?? '#000091');

const nameOf = (item: unknown): string =>
  typeof item === 'object' && item !== null && 'name' in item ? String((item as { name: unknown }).name) : '';

/** The chart's canvas (`width` × `height` CSS pixels, 2×) and its legend entries, if it has a legend. */
export function renderChart(
  option: EChartsCoreOption,
  width: number,
  height: number,
): { canvas: HTMLCanvasElement; legend: LegendEntry[] } {
  const withLegend = option.legend !== undefined;
  const chart = init(document.createElement('div'), null, {
    renderer: 'canvas',
    width,
    height,
    devicePixelRatio: PICTURE_PIXEL_RATIO,
  });
  try {
    chart.setOption({ ...option, animation: false, ...(withLegend ? { legend: { show: false } } : {}) });
    const series = ((option as { series?: unknown }).series ?? []) as readonly SeriesLike[];
    const legend: LegendEntry[] = withLegend
      ? series.flatMap((s, seriesIndex): LegendEntry[] =>
          s.type === 'pie'
            ? (s.data ?? []).map((item, dataIndex) => ({
                kind: 'swatch',
                colour: colourOf(chart.getVisual({ seriesIndex, dataIndex }, 'color'), dataIndex),
                label: nameOf(item),
              }))
            : [
                {
                  kind: s.type === 'line' && !s.areaStyle ? 'line' : 'swatch',
                  colour: colourOf(chart.getVisual({ seriesIndex }, 'color'), seriesIndex),
                  label: s.name ?? '',
                },
              ],
        )
      : [];
    return {
      canvas: chart.renderToCanvas({ backgroundColor: '#ffffff', pixelRatio: PICTURE_PIXEL_RATIO }),
      legend: legend.filter((entry) => entry.label !== ''),
    };
  } finally {
    chart.dispose();
  }
}

/** The chart as a picture's visual, `height` CSS pixels tall across `width`. */
export function chartPicture(option: EChartsCoreOption, width: number, height: number): PictureVisual {
  const { canvas, legend } = renderChart(option, width, height);
  return imageVisual({
    image: canvas,
    width,
    height,
    legend: legend.length > 0 ? { title: null, entries: legend, note: null } : null,
  });
}
