/**
 * The picture's drawing surface: a 2D canvas context whose text calls are recorded. Every string
 * goes through `text()` (fillText), so the picture's words can be read back — they become the
 * PNG's description (png.ts), and the tests check them.
 */
import { DSFR_FONT, DSFR_GREY } from '../react/palette.ts';
import type { MeasureText, TextRun, TextStyle } from './types.ts';

export function fontOf(style: TextStyle): string {
  return `${style.bold ? 700 : 400} ${style.size}px ${DSFR_FONT}`;
}

export class PictureCanvas {
  /** Strings drawn, in drawing order. */
  readonly texts: TextRun[] = [];

  constructor(readonly context: CanvasRenderingContext2D) {}

  /** Draws `text` with its baseline at `y` (its start at `x`, or its end/centre when aligned). */
  text(text: string, x: number, y: number, style: TextStyle): void {
    if (text === '') return;
    const context = this.context;
    context.font = fontOf(style);
    context.fillStyle = style.colour ?? DSFR_GREY.text;
    context.textAlign = style.align ?? 'left';
    context.textBaseline = 'alphabetic';
    context.fillText(text, x, y);
    this.texts.push({ text, x, y });
  }

  readonly measure: MeasureText = (text, style) => {
    this.context.font = fontOf(style);
    return this.context.measureText(text).width;
  };
}

/** A measure on a scratch canvas: layout happens before the picture's canvas exists. */
export function canvasMeasure(): MeasureText {
  const context = document.createElement('canvas').getContext('2d');
  if (!context) throw new Error('Ce navigateur ne permet pas de dessiner une image.');
  return new PictureCanvas(context).measure;
}

/** `text` cut with « … » so it holds in `width`. */
export function fitText(text: string, width: number, style: TextStyle, measure: MeasureText): string {
  if (measure(text, style) <= width) return text;
  let low = 0;
  let high = text.length;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (measure(`${text.slice(0, middle).trimEnd()}…`, style) <= width) low = middle;
    else high = middle - 1;
  }
  return `${text.slice(0, low).trimEnd()}…`;
}

/**
 * `text` in lines of at most `width`, broken between words (a word longer than a line is cut);
 * past `maxLines` the last line ends with « … ».
 */
export function wrapText(
  text: string,
  width: number,
  style: TextStyle,
  measure: MeasureText,
  maxLines = Number.POSITIVE_INFINITY,
): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (measure(candidate, style) <= width || line === '') {
      line = candidate;
      continue;
    }
    lines.push(line);
    line = word;
  }
  if (line) lines.push(line);
  const fitted = lines.map((l) => fitText(l, width, style, measure));
  if (fitted.length <= maxLines) return fitted;
  const kept = fitted.slice(0, maxLines);
  kept[maxLines - 1] = fitText(`${lines[maxLines - 1]} ${lines[maxLines] ?? ''}…`, width, style, measure);
  return kept;
}
