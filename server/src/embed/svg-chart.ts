/**
 * An ECharts option → SVG markup, on the server: ECharts' own string renderer (`ssr: true`, no
 * DOM, no canvas), so a picture is drawn by the same library and options as the browser's chart.
 */
import { BarChart, GaugeChart, LineChart, PieChart, SankeyChart, TreemapChart } from 'echarts/charts';
import {
  AriaComponent,
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
} from 'echarts/components';
import { type EChartsCoreOption, init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { xmlChars } from './svg-text.ts';

use([
  BarChart,
  LineChart,
  PieChart,
  TreemapChart,
  GaugeChart,
  SankeyChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  AriaComponent,
  TitleComponent,
  SVGRenderer,
]);

/** The option drawn once and still: no animation, no tooltip (nothing to hover in a picture). */
function still(option: EChartsCoreOption): EChartsCoreOption {
  return { ...option, animation: false, tooltip: { show: false } };
}

/**
 * The chart as an `<svg>` element of `width` × `height` (to be nested in the picture). ECharts
 * escapes its texts; `xmlChars` also removes the characters XML forbids (a control character or a
 * lone surrogate in a label would make the whole picture unreadable).
 */
export function chartSvg(option: EChartsCoreOption, width: number, height: number): string {
  const chart = init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption(still(option));
    return xmlChars(chart.renderToSVGString());
  } finally {
    chart.dispose();
  }
}
