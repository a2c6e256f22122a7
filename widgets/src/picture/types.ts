/**
 * What a widget's picture (its PNG export) is made of: a visual that each type provides, laid
 * out for the picture's width, and a legend; the composer (compose.ts) adds around it what
 * every picture says — title, filters in words, source, dates, demonstration mention.
 */
import type { PictureCanvas } from './canvas.ts';

/** How wide `text` is in `style` (the canvas's own measure, so layout and drawing agree). */
export type MeasureText = (text: string, style: TextStyle) => number;

export interface TextStyle {
  /** Font size in CSS pixels. */
  readonly size: number;
  readonly bold?: boolean;
  /** Default: the DSFR text grey. */
  readonly colour?: string;
  readonly align?: 'left' | 'right' | 'center';
}

/** One string drawn on the picture, where (its baseline's start). */
export interface TextRun {
  readonly text: string;
  readonly x: number;
  readonly y: number;
}

/** A visual placed on the picture: its height once laid out, and how to draw it. */
export interface LaidOutVisual {
  readonly height: number;
  draw(canvas: PictureCanvas, x: number, y: number): void;
}

/** One entry of a picture's legend: a swatch (class, series, slice), hatching or a circle. */
export type LegendEntry =
  | { readonly kind: 'swatch'; readonly colour: string; readonly label: string }
  | { readonly kind: 'line'; readonly colour: string; readonly label: string }
  | { readonly kind: 'no-data'; readonly label: string }
  | {
      readonly kind: 'circle';
      /** Radius in CSS pixels, as on the map. */
      readonly radius: number;
      readonly colour: string;
      /** Translucent fill (proportional symbols), else solid with an outline (clusters). */
      readonly translucent: boolean;
      readonly label: string;
    };

export interface PictureLegend {
  /** « Crédits de paiement (CP) », « Nombre de projets par cercle »; null: none. */
  readonly title: string | null;
  readonly entries: readonly LegendEntry[];
  /** A line under the entries (« 12 projets sans coordonnées »), or null. */
  readonly note: string | null;
}

/** What a renderer gives the composer: its visual and legend, for the width asked. */
export interface PictureVisual {
  /** Lays the visual out in `width` CSS pixels. */
  layout(width: number, measure: MeasureText): LaidOutVisual;
  readonly legend: PictureLegend | null;
  /** Lines under the visual (« Lignes 1 à 25 sur 132 », « 40 premières lignes sur 812 »). */
  readonly notes: readonly string[];
}

/** What the frame asks a renderer for: the visual's width in CSS pixels. */
export interface PictureRequest {
  readonly width: number;
}
