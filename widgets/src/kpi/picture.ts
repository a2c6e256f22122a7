/**
 * The KPI in a picture: the KPI is HTML, not a canvas, so its lines are drawn again — period,
 * big value, exact amount, change, the other measures — and its trend line under them.
 */

import { wrapText } from '../picture/canvas.ts';
import type { PictureVisual, TextStyle } from '../picture/types.ts';
import { DSFR_GREY, DSFR_PALETTE } from '../react/palette.ts';
import type { KpiModel } from './toOption.ts';

const ARROWS = { up: '▲ ', down: '▼ ', stable: '● ' } as const;
/** Height of the trend line in the picture (CSS pixels). */
export const SPARKLINE_PICTURE_HEIGHT = 80;

interface Line {
  readonly text: string;
  readonly style: TextStyle;
  readonly height: number;
}

/** `sparkline`: the trend line already drawn across the picture's width, or null. */
export function kpiPicture(model: KpiModel, sparkline: HTMLCanvasElement | null): PictureVisual {
  const small: TextStyle = { size: 16, colour: DSFR_GREY.text };
  const lines: Line[] = [
    {
      text: model.period ? `${model.label} en ${model.period}` : model.label,
      style: { size: 16, colour: DSFR_GREY.mention },
      height: 24,
    },
    {
      text: model.valueText,
      style: { size: 48, bold: true, colour: DSFR_PALETTE[0] ?? '#000091' },
      height: 60,
    },
    ...(model.valueText !== model.exactText
      ? [{ text: `soit ${model.exactText}`, style: small, height: 26 }]
      : []),
    ...(model.comparison
      ? [{ text: `${ARROWS[model.comparison.direction]}${model.comparison.text}`, style: small, height: 26 }]
      : []),
    ...model.others.map((other) => ({ text: `${other.label} : ${other.text}`, style: small, height: 26 })),
  ];
  return {
    legend: null,
    notes: [],
    layout(width, measure) {
      const wrapped = lines.flatMap((line) =>
        wrapText(line.text, width, line.style, measure, 2).map((text) => ({ ...line, text })),
      );
      const textHeight = wrapped.reduce((sum, line) => sum + line.height, 0);
      const trend = sparkline ? SPARKLINE_PICTURE_HEIGHT + 12 : 0;
      return {
        height: textHeight + trend,
        draw(canvas, x, y) {
          let top = y;
          for (const line of wrapped) {
            canvas.text(line.text, x, top + line.height * 0.78, line.style);
            top += line.height;
          }
          if (sparkline) canvas.context.drawImage(sparkline, x, top + 12, width, SPARKLINE_PICTURE_HEIGHT);
        },
      };
    },
  };
}
