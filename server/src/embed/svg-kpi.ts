/**
 * A KPI as SVG markup: the same model as the browser's indicator (`kpiModel`: big French figure
 * with its unit, exact value, comparison with the year before, other measures) drawn by hand,
 * and its sparkline drawn by ECharts when there is room.
 */
import {
  DSFR_GREY,
  DSFR_PALETTE,
  type KpiModel,
  kpiModel,
  type QueryResult,
  toSparklineOption,
  type WidgetDefinition,
} from '@dataetat/widgets';
import { chartSvg } from './svg-chart.ts';
import type { Box } from './svg-frame.ts';
import { PAD } from './svg-frame.ts';
import { charsIn, truncate, xmlText } from './svg-text.ts';

const ARROWS = { up: '▲', down: '▼', stable: '●' } as const;
const SMALL = 14;
const VALUE_MAX = 56;
const VALUE_MIN = 20;
const SPARKLINE_MIN = 36;
const SPARKLINE_MAX = 96;

export interface KpiPicture {
  readonly body: string;
  readonly description: string;
}

function heading(model: KpiModel): string {
  return model.period ? `${model.label} en ${model.period}` : model.label;
}

/** What a screen reader says of the indicator (the figure exact, not abbreviated). */
export function kpiDescription(model: KpiModel): string {
  const parts = [`Indicateur. ${heading(model)} : ${model.exactText}.`];
  if (model.comparison) parts.push(`${model.comparison.text}.`);
  for (const other of model.others) parts.push(`${other.label} : ${other.text}.`);
  return parts.join(' ');
}

export function kpiSvg(widget: WidgetDefinition, result: QueryResult, box: Box): KpiPicture {
  const model = kpiModel(widget, result);
  const width = box.width - 2 * PAD;
  const bottom = box.y + box.height;
  const parts: string[] = [];
  let y = box.y + 4;
  const line = (text: string, size: number, attrs: string) => {
    if (y + size > bottom) return false;
    y += size;
    parts.push(
      `<text x="${PAD}" y="${y}" font-size="${size}" ${attrs}>${xmlText(truncate(text, charsIn(width, size)))}</text>`,
    );
    // Room for descenders, then a small gap before the next line.
    y += Math.round(size * 0.3) + 4;
    return true;
  };
  line(heading(model), SMALL, `fill="${DSFR_GREY.mention}" class="kpi-label"`);
  // As large as the width allows: the figure is the point of the picture.
  const valueSize = Math.max(
    VALUE_MIN,
    Math.min(VALUE_MAX, Math.floor(width / ([...model.valueText].length * 0.62))),
  );
  line(model.valueText, valueSize, `font-weight="700" fill="${DSFR_PALETTE[0]}" class="kpi-value"`);
  if (model.valueText !== model.exactText)
    line(`soit ${model.exactText}`, SMALL, `fill="${DSFR_GREY.text}" class="kpi-exact"`);
  if (model.comparison)
    line(
      `${ARROWS[model.comparison.direction]} ${model.comparison.text}`,
      SMALL,
      `fill="${DSFR_GREY.text}" class="kpi-comparison"`,
    );
  for (const other of model.others) {
    if (!line(`${other.label} : ${other.text}`, SMALL, `fill="${DSFR_GREY.text}" class="kpi-other"`)) break;
  }
  const room = bottom - y - 4;
  if (model.trend && room >= SPARKLINE_MIN) {
    const height = Math.min(SPARKLINE_MAX, room);
    parts.push(
      `<g transform="translate(${PAD} ${y})" class="kpi-sparkline">${chartSvg(toSparklineOption(widget, model), width, height)}</g>`,
    );
  }
  return { body: parts.join('\n'), description: kpiDescription(model) };
}
