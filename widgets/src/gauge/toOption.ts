import type { GaugeSeriesOption } from 'echarts/charts';
import type { AriaComponentOption } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import { baseOption } from '../echarts/base.ts';
import { formatAxisValue } from '../echarts/format.ts';
import { DSFR_GREY, DSFR_PALETTE } from '../echarts/palette.ts';
import { numberAt, pickMeasures, viewResult } from '../echarts/result.ts';
import { formatValue } from '../format/index.ts';
import type { QueryResult } from '../spec/types.ts';
import type { WidgetDefinition } from '../widget/types.ts';
import type { GaugeOptions } from './spec.ts';

export type GaugeChartOption = ComposeOption<GaugeSeriesOption | AriaComponentOption>;

/** The smallest of 1, 2, 2.5, 5 × 10^k at or above `value` (a dial ending on a round number). */
export function niceCeiling(value: number): number {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 2.5, 5, 10].find((s) => s * power >= value) ?? 10;
  return step * power;
}

/** Widget + result → ECharts gauge option (pure): the value's needle, and the target's if any. */
export function toGaugeOption(widget: WidgetDefinition, result: QueryResult): GaugeChartOption {
  const options = widget.options as GaugeOptions;
  const view = viewResult(result);
  const [measure] = pickMeasures(view, options.measure ? [options.measure] : undefined);
  const row = view.rows[0];
  const value = measure && row ? numberAt(row, measure.index) : null;
  const format = measure?.format ?? 'number';
  const { min, target } = options;
  const max =
    options.max !== undefined && options.max > min
      ? options.max
      : format === 'percent'
        ? 1
        : min + niceCeiling(Math.max(value ?? 0, target ?? 0) - min);
  const label = measure?.title ?? widget.title;
  const targetText = target === undefined ? '' : ` Objectif : ${formatValue(target, format)}.`;
  return {
    ...baseOption({
      description:
        `Jauge. ${widget.title}. ${label} : ${formatValue(value, format)}, ` +
        `sur un cadran de ${formatValue(min, format)} à ${formatValue(max, format)}.${targetText}`,
      animation: options.animation,
    }),
    series: [
      {
        type: 'gauge',
        name: label,
        min,
        max,
        // A half dial: its two ends apart, the figure under its centre, in a short cell too.
        startAngle: 180,
        endAngle: 0,
        radius: '95%',
        center: ['50%', '70%'],
        splitNumber: 4,
        progress: { show: true, width: 18, itemStyle: { color: DSFR_PALETTE[0] } },
        axisLine: { lineStyle: { width: 18, color: [[1, DSFR_GREY.rule]] } },
        axisTick: { show: false },
        splitLine: { length: 8, lineStyle: { color: DSFR_GREY.mention } },
        axisLabel: {
          distance: 22,
          color: DSFR_GREY.mention,
          // The two ends only: ticks in between pile up on a small dial.
          formatter: (tick: number) => (tick === min || tick === max ? formatAxisValue(tick, format) : ''),
        },
        pointer: { show: false },
        anchor: { show: false },
        title: { show: false },
        detail: {
          valueAnimation: options.animation,
          // In the dial's hollow, above the ends' labels.
          offsetCenter: [0, '-35%'],
          fontSize: 24,
          fontWeight: 'bold',
          color: DSFR_GREY.text,
          formatter: (v: number) =>
            target === undefined
              ? formatAxisValue(v, format)
              : `${formatAxisValue(v, format)}\n{target|Objectif : ${formatAxisValue(target, format)}}`,
          rich: {
            target: { fontSize: 14, fontWeight: 'normal', color: DSFR_GREY.mention, padding: [8, 0, 0, 0] },
          },
        },
        data: [
          { name: label, value: value ?? 0 },
          ...(target === undefined
            ? []
            : [
                {
                  name: 'Objectif',
                  value: target,
                  // The target is a thin needle, without its own progress bar or figure.
                  pointer: { show: true, length: '70%', width: 3, itemStyle: { color: DSFR_GREY.text } },
                  progress: { show: false },
                  detail: { show: false },
                },
              ]),
        ],
      },
    ],
  };
}
