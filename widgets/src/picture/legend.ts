/**
 * A picture's legend, laid out in rows across the picture's width (entries wrap like words):
 * its title, swatches / hatching / circles with their labels, and its note.
 */

import { NO_DATA_FILL, NO_DATA_HATCH } from '../map/colours.ts';
import { DSFR_GREY } from '../react/palette.ts';
import { type PictureCanvas, wrapText } from './canvas.ts';
import type { LaidOutVisual, LegendEntry, MeasureText, PictureLegend, TextStyle } from './types.ts';

const TITLE: TextStyle = { size: 13, bold: true };
const LABEL: TextStyle = { size: 13 };
const NOTE: TextStyle = { size: 12, colour: DSFR_GREY.mention };
const LINE = 18;
const ROW = 22;
const MARKER = 16;
const MARKER_GAP = 6;
const ENTRY_GAP = 20;

function markerWidth(entry: LegendEntry): number {
  return entry.kind === 'circle'
    ? Math.max(MARKER, entry.radius * 2 + 2)
    : entry.kind === 'line'
      ? 22
      : MARKER;
}

function rowHeight(entry: LegendEntry): number {
  return entry.kind === 'circle' ? Math.max(ROW, entry.radius * 2 + 6) : ROW;
}

interface Placed {
  readonly entry: LegendEntry;
  readonly x: number;
  /** Middle of the entry's row, set when the row is complete. */
  y: number;
}

/** The legend laid out in `width`: null when there is nothing to show. */
export function layoutLegend(
  legend: PictureLegend | null,
  width: number,
  measure: MeasureText,
): LaidOutVisual | null {
  if (!legend || (legend.entries.length === 0 && !legend.note)) return null;
  const title = legend.title ? wrapText(legend.title, width, TITLE, measure, 2) : [];
  let y = title.length * LINE;
  const placed: Placed[] = [];
  let x = 0;
  let row: Placed[] = [];
  const closeRow = () => {
    const height = Math.max(0, ...row.map((p) => rowHeight(p.entry)));
    for (const p of row) p.y = y + height / 2;
    y += height;
    row = [];
    x = 0;
  };
  for (const entry of legend.entries) {
    const span = markerWidth(entry) + MARKER_GAP + Math.min(measure(entry.label, LABEL), width);
    if (row.length > 0 && x + span > width) closeRow();
    const at: Placed = { entry, x, y: 0 };
    placed.push(at);
    row.push(at);
    x += span + ENTRY_GAP;
  }
  if (row.length > 0) closeRow();
  const note = legend.note ? wrapText(legend.note, width, NOTE, measure, 3) : [];
  const height = y + note.length * LINE;
  return {
    height,
    draw(canvas, left, top) {
      title.forEach((line, i) => {
        canvas.text(line, left, top + (i + 1) * LINE - 5, TITLE);
      });
      for (const { entry, x: at, y: middle } of placed) {
        const markerX = left + at;
        drawMarker(canvas, entry, markerX, top + middle);
        canvas.text(
          wrapText(entry.label, width - at - markerWidth(entry) - MARKER_GAP, LABEL, canvas.measure, 1)[0] ??
            '',
          markerX + markerWidth(entry) + MARKER_GAP,
          top + middle + 4.5,
          LABEL,
        );
      }
      note.forEach((line, i) => {
        canvas.text(line, left, top + y + (i + 1) * LINE - 5, NOTE);
      });
    },
  };
}

function drawMarker(canvas: PictureCanvas, entry: LegendEntry, x: number, middle: number): void {
  const context = canvas.context;
  context.save();
  switch (entry.kind) {
    case 'swatch':
    case 'no-data': {
      const top = middle - 7;
      context.fillStyle = entry.kind === 'swatch' ? entry.colour : NO_DATA_FILL;
      context.fillRect(x, top, MARKER, 14);
      if (entry.kind === 'no-data') {
        // The map's hatching: diagonal strokes clipped to the swatch.
        context.beginPath();
        context.rect(x, top, MARKER, 14);
        context.clip();
        context.strokeStyle = NO_DATA_HATCH;
        context.lineWidth = 1.5;
        for (let d = -14; d < MARKER + 14; d += 5) {
          context.moveTo(x + d, top + 14);
          context.lineTo(x + d + 14, top);
        }
        context.stroke();
      }
      context.restore();
      context.save();
      context.strokeStyle = '#929292';
      context.lineWidth = 1;
      context.strokeRect(x + 0.5, top + 0.5, MARKER - 1, 13);
      break;
    }
    case 'line':
      context.strokeStyle = entry.colour;
      context.fillStyle = entry.colour;
      context.lineWidth = 3;
      context.beginPath();
      context.moveTo(x, middle);
      context.lineTo(x + 22, middle);
      context.stroke();
      context.beginPath();
      context.arc(x + 11, middle, 4, 0, 2 * Math.PI);
      context.fill();
      break;
    case 'circle': {
      const centre = x + markerWidth(entry) / 2;
      context.beginPath();
      context.arc(centre, middle, entry.radius, 0, 2 * Math.PI);
      context.globalAlpha = entry.translucent ? 0.6 : 1;
      context.fillStyle = entry.colour;
      context.fill();
      context.globalAlpha = 1;
      context.strokeStyle = entry.translucent ? '#ffffff' : '#000091';
      context.lineWidth = 1;
      context.stroke();
      break;
    }
  }
  context.restore();
}
