/**
 * A widget's picture for a briefing note: the same header and footer for every type around the
 * visual its renderer provides. Header: title, description, the active filters in words. Then
 * the visual, its legend and notes. Footer: source and dataset, data date, when the picture was
 * made, and the demonstration mention for synthetic data. Text is drawn with `fillText` and
 * recorded (canvas.ts), so the picture's words can be read back.
 */
import { DSFR_GREY } from '../react/palette.ts';
import { canvasMeasure, PictureCanvas, wrapText } from './canvas.ts';
import { layoutLegend } from './legend.ts';
import type { MeasureText, PictureVisual, TextRun, TextStyle } from './types.ts';

/** The picture's width in CSS pixels: a readable figure across a page of a note. */
export const PICTURE_WIDTH = 960;
/** Pixels per CSS pixel: sharp when printed or shown on a dense screen. */
export const PICTURE_PIXEL_RATIO = 2;
const PAD = 24;
/** The width a visual gets. */
export const PICTURE_CONTENT_WIDTH = PICTURE_WIDTH - 2 * PAD;

const TITLE: TextStyle = { size: 22, bold: true, colour: '#161616' };
const SUBTITLE: TextStyle = { size: 14, colour: DSFR_GREY.mention };
const FILTERS: TextStyle = { size: 14 };
const NOTE: TextStyle = { size: 13, colour: DSFR_GREY.mention };
const FOOTER: TextStyle = { size: 12, colour: DSFR_GREY.mention };
/** DSFR warning colour (« Données de démonstration » badge). */
const DEMO: TextStyle = { size: 12, bold: true, colour: '#b34000' };

export const DEMO_MENTION =
  'Données de démonstration : chiffres synthétiques, à ne pas utiliser pour décider.';

/** Where the figures come from (the query result's provenance). */
export interface PictureProvenance {
  /** Title of the dataset. */
  readonly dataset: string | null;
  /** Producer of the data. */
  readonly source: string;
  /** Date of the data, `dd/mm/yyyy`; null when unknown. */
  readonly dataDate: string | null;
  readonly demo: boolean;
}

/** What the frame knows of the widget and says on every picture. */
export interface PictureFrame {
  readonly title: string;
  readonly description?: string | undefined;
  /** The filters applied, in words (« Bretagne », « 2021–2023 »); null: the widget has no data. */
  readonly filters: readonly string[] | null;
  /** Null for a widget without data (text). */
  readonly provenance: PictureProvenance | null;
  /** Lines above the footer (« Affichage des 200 premières lignes »). */
  readonly notes: readonly string[];
  /** When the picture is made. */
  readonly madeAt: Date;
}

export interface ComposedPicture {
  readonly canvas: HTMLCanvasElement;
  /** Every string drawn, in reading order. */
  readonly texts: readonly TextRun[];
}

const madeAtFormat = new Intl.DateTimeFormat('fr-FR', {
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/Paris',
});

/** « Filtres : Bretagne, 2021–2023 » or « Filtres : aucun ». */
export function filtersLine(filters: readonly string[]): string {
  return `Filtres : ${filters.length > 0 ? filters.join(', ') : 'aucun'}`;
}

/** The footer's lines: source and dataset, dates (the demonstration mention is drawn apart). */
export function footerLines(frame: PictureFrame): string[] {
  const [day, time] = madeAtFormat.format(frame.madeAt).split(' ');
  const made = `Image produite le ${day} à ${time?.replace(':', ' h ')} avec Data-État`;
  const provenance = frame.provenance;
  if (!provenance) return [made];
  const dataset = provenance.dataset ? ` — jeu de données « ${provenance.dataset} »` : '';
  return [
    `Source : ${provenance.source}${dataset}`,
    provenance.dataDate ? `Données au ${provenance.dataDate} · ${made}` : made,
  ];
}

interface Block {
  readonly lines: readonly string[];
  readonly style: TextStyle;
  readonly lineHeight: number;
}

const blockHeight = (block: Block) => block.lines.length * block.lineHeight;

/** Lays out and draws the picture on a new canvas. */
export function composePicture(
  frame: PictureFrame,
  visual: PictureVisual,
  measure: MeasureText = canvasMeasure(),
): ComposedPicture {
  const width = PICTURE_CONTENT_WIDTH;
  const wrap = (text: string, style: TextStyle, maxLines?: number) =>
    wrapText(text, width, style, measure, maxLines);
  const header: Block[] = [
    { lines: wrap(frame.title, TITLE, 3), style: TITLE, lineHeight: 28 },
    ...(frame.description
      ? [{ lines: wrap(frame.description, SUBTITLE, 3), style: SUBTITLE, lineHeight: 20 }]
      : []),
    ...(frame.filters
      ? [{ lines: wrap(filtersLine(frame.filters), FILTERS, 4), style: FILTERS, lineHeight: 20 }]
      : []),
  ];
  const body = visual.layout(width, measure);
  const legend = layoutLegend(visual.legend, width, measure);
  const notes: Block = {
    lines: [...visual.notes, ...frame.notes].flatMap((note) => wrap(note, NOTE, 3)),
    style: NOTE,
    lineHeight: 18,
  };
  const footer: Block[] = [
    { lines: footerLines(frame).flatMap((line) => wrap(line, FOOTER, 3)), style: FOOTER, lineHeight: 17 },
    ...(frame.provenance?.demo ? [{ lines: wrap(DEMO_MENTION, DEMO, 2), style: DEMO, lineHeight: 17 }] : []),
  ];

  const GAP = 16;
  const headerHeight = header.reduce((sum, block) => sum + blockHeight(block), 0);
  const legendHeight = legend ? legend.height + 12 : 0;
  const notesHeight = notes.lines.length > 0 ? blockHeight(notes) + 8 : 0;
  const footerHeight = footer.reduce((sum, block) => sum + blockHeight(block), 0);
  const height = Math.ceil(
    PAD + headerHeight + GAP + body.height + 12 + legendHeight + notesHeight + 12 + footerHeight + PAD,
  );

  const element = document.createElement('canvas');
  element.width = PICTURE_WIDTH * PICTURE_PIXEL_RATIO;
  element.height = height * PICTURE_PIXEL_RATIO;
  const context = element.getContext('2d');
  if (!context) throw new Error('Ce navigateur ne permet pas de dessiner l’image du widget.');
  context.scale(PICTURE_PIXEL_RATIO, PICTURE_PIXEL_RATIO);
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, PICTURE_WIDTH, height);
  const canvas = new PictureCanvas(context);

  let y = PAD;
  const drawBlock = (block: Block) => {
    for (const line of block.lines) {
      // Baseline about three quarters down the line.
      canvas.text(line, PAD, y + Math.round(block.lineHeight * 0.75), block.style);
      y += block.lineHeight;
    }
  };
  header.forEach(drawBlock);
  y += GAP;
  body.draw(canvas, PAD, y);
  y += body.height + 12;
  if (legend) {
    legend.draw(canvas, PAD, y);
    y += legend.height + 12;
  }
  if (notes.lines.length > 0) {
    drawBlock(notes);
    y += 8;
  }
  context.strokeStyle = DSFR_GREY.rule;
  context.lineWidth = 1;
  context.beginPath();
  context.moveTo(PAD, y + 0.5);
  context.lineTo(PICTURE_WIDTH - PAD, y + 0.5);
  context.stroke();
  y += 12;
  footer.forEach(drawBlock);
  return { canvas: element, texts: canvas.texts };
}
