/**
 * The frame every picture shares: white card, widget title on top, notes and the provenance line
 * (« Source : … — données du … — Data-État ») at the bottom, the visual in between. Accessible as
 * one image: `role="img"`, `<title>` (the widget title) and `<desc>` (what it shows, in French).
 */
import { DSFR_FONT, DSFR_GREY } from '@dataetat/widgets';
import { charsIn, truncate, xmlText } from './svg-text.ts';

/** Size bounds of a picture (px): big enough to read, small enough to stay cheap. */
export const SVG_MIN_WIDTH = 200;
export const SVG_MAX_WIDTH = 2000;
export const SVG_MIN_HEIGHT = 150;
export const SVG_MAX_HEIGHT = 2000;
export const SVG_DEFAULT_WIDTH = 640;
export const SVG_DEFAULT_HEIGHT = 400;

export const PAD = 16;
const TITLE_SIZE = 18;
const HEADER = 48;
export const NOTE_SIZE = 12;
const NOTE_LINE = 16;
const TITLE_COLOUR = '#161616';

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** A requested size → an integer within the bounds (absent or not a number → the default). */
export function clampSize(value: number | undefined, min: number, max: number, fallback: number): number {
  if (value === undefined || !Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, Math.round(value)));
}

/** Where the visual goes, once the title and `notes` lines plus the footer are placed. */
export function bodyBox(width: number, height: number, notes: number): Box {
  const bottom = (notes + 1) * NOTE_LINE + PAD;
  return { x: 0, y: HEADER, width, height: Math.max(0, height - HEADER - bottom) };
}

export interface FrameInput {
  readonly width: number;
  readonly height: number;
  readonly title: string;
  /** Read by screen readers: what the picture shows, in words. */
  readonly description: string;
  /** Small lines above the footer (locked filters, « only the first N … »). */
  readonly notes: readonly string[];
  readonly footer: string;
  /** Markup of the visual, already escaped, placed in `bodyBox(width, height, notes.length)`. */
  readonly body: string;
}

/** Characters a note or the footer line holds at this picture width. */
export function noteChars(width: number): number {
  return charsIn(width - 2 * PAD, NOTE_SIZE);
}

function smallLine(text: string, y: number, width: number): string {
  return `<text x="${PAD}" y="${y}" font-size="${NOTE_SIZE}" fill="${DSFR_GREY.mention}">${xmlText(
    truncate(text, noteChars(width)),
  )}</text>`;
}

/** The whole picture (pure). Every text given here is escaped; `body` must already be. */
export function framedSvg(input: FrameInput): string {
  const { width, height } = input;
  const footerY = height - PAD + 4;
  const rule = height - PAD - (input.notes.length + 1) * NOTE_LINE + 2;
  const notes = input.notes.map((note, i) =>
    smallLine(note, footerY - (input.notes.length - i) * NOTE_LINE, width),
  );
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"`,
    ` role="img" aria-labelledby="dataetat-title dataetat-desc" font-family="${xmlText(DSFR_FONT)}">`,
    `<title id="dataetat-title">${xmlText(input.title)}</title>`,
    `<desc id="dataetat-desc">${xmlText(input.description)}</desc>`,
    `<rect x="0.5" y="0.5" width="${width - 1}" height="${height - 1}" fill="#ffffff" stroke="${DSFR_GREY.rule}"/>`,
    `<text x="${PAD}" y="${PAD + TITLE_SIZE}" font-size="${TITLE_SIZE}" font-weight="700" fill="${TITLE_COLOUR}">${xmlText(
      truncate(input.title, charsIn(width - 2 * PAD, TITLE_SIZE)),
    )}</text>`,
    input.body,
    `<line x1="${PAD}" y1="${rule}" x2="${width - PAD}" y2="${rule}" stroke="${DSFR_GREY.rule}"/>`,
    ...notes,
    smallLine(input.footer, footerY, width),
    '</svg>',
  ].join('\n');
}
